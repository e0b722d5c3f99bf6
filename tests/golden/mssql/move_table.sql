-- Rendered by tests/unit/dialect_test.cpp, case 'move_table', dialect mssql.

-- create_schema library
CREATE SCHEMA library;

-- create_schema archive
CREATE SCHEMA archive;

-- create_table rag_documents
CREATE TABLE rag_documents (
    id INTEGER NOT NULL IDENTITY, 
    title NVARCHAR(200) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table rag_chunks
CREATE TABLE rag_chunks (
    id INTEGER NOT NULL IDENTITY, 
    document_id INTEGER NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE
);

-- create_index ix_rag_documents_title on rag_documents
CREATE INDEX ix_rag_documents_title ON rag_documents (title);

-- drop_constraint fk_rag_chunks_document on rag_chunks
ALTER TABLE rag_chunks DROP CONSTRAINT fk_rag_chunks_document;

-- move_table rag_documents to library.documents
ALTER SCHEMA library TRANSFER dbo.rag_documents;
EXEC sp_rename N'library.rag_documents', N'documents';

-- move_table library.documents to archive.documents
ALTER SCHEMA archive TRANSFER library.documents;

-- move_table archive.documents to archive.old_documents
EXEC sp_rename N'archive.documents', N'old_documents';

-- move_table archive.old_documents to rag_documents
ALTER SCHEMA dbo TRANSFER archive.old_documents;
EXEC sp_rename N'dbo.old_documents', N'rag_documents';

-- create_foreign_key fk_rag_chunks_document on rag_chunks
ALTER TABLE rag_chunks ADD CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE;

-- drop_table rag_chunks
DROP TABLE rag_chunks;

-- drop_table rag_documents
DROP TABLE rag_documents;
