"""The base both layers share: data paths, staff account storage and the translations (imports nothing of ours)."""
