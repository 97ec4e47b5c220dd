"""Where sessions live: the database, its tables and queries, migrations, the shared rate limit."""
