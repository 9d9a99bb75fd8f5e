-- One database per subgraph: each subgraph owns its data physically. Runs once, on an empty volume.
CREATE DATABASE organisations;
CREATE DATABASE locations;
CREATE DATABASE partners;
CREATE DATABASE programmes;
