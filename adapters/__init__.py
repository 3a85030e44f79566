"""Platform adapters: one package per chat platform, each independent of the others."""
