-- Run once by the postgres image (psql as the superuser), on an empty data volume.
-- One database per subgraph, owned by a role of the same name that is not a superuser and may not create
-- databases or roles. CONNECT is revoked from PUBLIC, so a subgraph's role cannot even open another
-- subgraph's database. Each password comes from the postgres service's environment (docker-compose.yml).
\set ON_ERROR_STOP on

-- Nor PostgreSQL's own databases: the roles connect to their own database and nowhere else.
REVOKE ALL ON DATABASE postgres, template1 FROM PUBLIC;

\getenv organisations_password ORGANISATIONS_DB_PASSWORD
CREATE ROLE organisations LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'organisations_password';
CREATE DATABASE organisations OWNER organisations;
REVOKE ALL ON DATABASE organisations FROM PUBLIC;

\getenv locations_password LOCATIONS_DB_PASSWORD
CREATE ROLE locations LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'locations_password';
CREATE DATABASE locations OWNER locations;
REVOKE ALL ON DATABASE locations FROM PUBLIC;
-- Its distance search needs earthdistance, which only a superuser may create; the other extensions the
-- migrations create (cube, pg_trgm, unaccent) are trusted, so the owner may.
\connect locations
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

\getenv partners_password PARTNERS_DB_PASSWORD
CREATE ROLE partners LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'partners_password';
CREATE DATABASE partners OWNER partners;
REVOKE ALL ON DATABASE partners FROM PUBLIC;

\getenv programmes_password PROGRAMMES_DB_PASSWORD
CREATE ROLE programmes LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'programmes_password';
CREATE DATABASE programmes OWNER programmes;
REVOKE ALL ON DATABASE programmes FROM PUBLIC;
