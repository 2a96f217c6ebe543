"""The public pages: forums, agendas, sessions, speakers, topics and quote permalinks."""
