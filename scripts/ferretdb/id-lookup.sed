# FerretDB 1.24.2 (SQLite backend) finds a document by `_ferretdb_sjson->'$._id'`, while the unique index
# it creates for `_id` is on `_ferretdb_sjson->"_id"`. Both give the same value, but SQLite uses an index on
# an expression only for that expression written the same way, so every find, update and delete by `_id`
# scans the whole table. scripts/ferretdb.sh builds with this applied, which writes the lookup the index's way.
s|IDColumn = DefaultColumn + "->'\$\._id'"|IDColumn = DefaultColumn + `->"_id"`|
