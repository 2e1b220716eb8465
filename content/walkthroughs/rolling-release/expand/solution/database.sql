-- The production database as it is now: release 1 wrote every row.
CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO tasks (name) VALUES ('Renew the TLS certificate');
INSERT INTO tasks (name) VALUES ('Rotate the database password');
