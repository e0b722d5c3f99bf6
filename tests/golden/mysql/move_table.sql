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

-- move_table rag_documents to library.documents
RENAME TABLE rag_documents TO library.documents;

-- move_table library.documents to archive.documents
RENAME TABLE library.documents TO archive.documents;

-- move_table archive.documents to archive.old_documents
RENAME TABLE archive.documents TO archive.old_documents;

-- move_table archive.old_documents to rag_documents
RENAME TABLE archive.old_documents TO rag_documents;

-- drop_table rag_chunks
DROP TABLE rag_chunks;

-- drop_table rag_documents
DROP TABLE rag_documents;
