"""The judgment: reading documents into claims, linking them to the ledger, and deciding each
document's stance toward each claim. :class:`bot.judgment.rules.RuleJudge` is the first,
rule-based engine behind the :class:`bot.ports.Judge` port."""
