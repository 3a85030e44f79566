"""Reading the web: safe fetching of user-given links and feeds (httpx), main-text extraction
(trafilatura) and feed parsing (feedparser). Implements the core's ``Fetcher`` and
``FeedReader`` ports."""
