-- The production database as it is now, with release 3 on every instance.
CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT, title TEXT);
INSERT INTO tasks (name, title) VALUES ('Renew the TLS certificate', 'Renew the TLS certificate');
INSERT INTO tasks (name, title) VALUES ('Rotate the database password', 'Rotate the database password');
INSERT INTO tasks (name, title) VALUES ('Test the backups', 'Test the backups');
