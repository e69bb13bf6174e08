"""Running the site: backups and restores (`backups`, `exact_json`), building content in bulk
(`bulk`), the scheduler's heartbeat (`heartbeat`), safe spreadsheet exports
(`spreadsheets`).
"""
