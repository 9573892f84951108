-- The public schema: every table and column with its type and documented comment.
WITH tables AS (
    SELECT table_name, comment AS table_comment, estimated_size FROM duckdb_tables() WHERE schema_name = 'main'
),

cols AS (
    SELECT table_name, column_name, data_type, comment AS column_comment, column_index, is_nullable
    FROM duckdb_columns() WHERE schema_name = 'main'
),

final AS (
    SELECT c.table_name, t.table_comment, c.column_name, c.data_type, c.is_nullable, c.column_comment
    FROM cols AS c JOIN tables AS t USING (table_name)
)

SELECT * FROM final ORDER BY table_name ASC, column_name = 'id' DESC, table_name
