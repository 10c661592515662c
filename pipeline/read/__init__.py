"""Reading inputs: folders of .txt/.md articles with a manifest, .jsonl and .csv files, HTML pages."""
