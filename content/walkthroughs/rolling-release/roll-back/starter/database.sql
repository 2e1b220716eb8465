-- The production database as it is now, with release 2 on every instance.
CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT, title TEXT);
-- Written by release 1, before and during the last roll: no title yet.
INSERT INTO tasks (name) VALUES ('Renew the TLS certificate');
INSERT INTO tasks (name) VALUES ('Rotate the database password');
-- Written by release 2, which writes both columns.
INSERT INTO tasks (name, title) VALUES ('Test the backups', 'Test the backups');
