-- First boot of the database: the role the app connects as. It owns no table (migrations run as
-- the owner, `orion`, and grant it DML), so PostgreSQL's row-level security applies to it.
CREATE ROLE orion_app LOGIN PASSWORD 'orion_app' NOSUPERUSER NOBYPASSRLS;
