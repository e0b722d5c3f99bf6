-- Rendered by tests/unit/dialect_test.cpp, case 'move_table', dialect mysql.

-- create_schema library
CREATE DATABASE library;

-- create_schema archive
CREATE DATABASE archive;

-- create_table rag_documents
CREATE TABLE rag_documents (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    title VARCHAR(200) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table rag_chunks
CREATE TABLE rag_chunks (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    document_id INTEGER NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE
);

-- create_index ix_rag_documents_title on rag_documents
CREATE INDEX ix_rag_documents_title ON rag_documents (title);

-- drop_constraint fk_rag_chunks_document on rag_chunks
SET @strata_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'rag_chunks' AND index_name = 'fk_rag_chunks_document' AND non_unique = 1) = (SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND table_name = 'rag_chunks' AND constraint_name = 'fk_rag_chunks_document' AND referenced_table_name IS NOT NULL), 'ALTER TABLE rag_chunks DROP INDEX fk_rag_chunks_document', 'DO 0');
ALTER TABLE rag_chunks DROP FOREIGN KEY fk_rag_chunks_document;
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;

-- move_table rag_documents to library.documents
RENAME TABLE rag_documents TO library.documents;

-- move_table library.documents to archive.documents
RENAME TABLE library.documents TO archive.documents;

-- move_table archive.documents to archive.old_documents
RENAME TABLE archive.documents TO archive.old_documents;

-- move_table archive.old_documents to rag_documents
RENAME TABLE archive.old_documents TO rag_documents;

-- create_foreign_key fk_rag_chunks_document on rag_chunks
ALTER TABLE rag_chunks ADD CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE;

-- drop_table rag_chunks
DROP TABLE rag_chunks;

-- drop_table rag_documents
DROP TABLE rag_documents;
