-- Rendered by tests/unit/dialect_test.cpp, case 'move_table', dialect sqlite.

-- create_schema library
ATTACH DATABASE ':memory:' AS library;

-- create_schema archive
ATTACH DATABASE ':memory:' AS archive;

-- create_table rag_documents
CREATE TABLE rag_documents (
    id INTEGER NOT NULL, 
    title VARCHAR(200) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table rag_chunks
CREATE TABLE rag_chunks (
    id INTEGER NOT NULL, 
    document_id INTEGER NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE
);

-- create_index ix_rag_documents_title on rag_documents
CREATE INDEX ix_rag_documents_title ON rag_documents (title);

-- drop_constraint fk_rag_chunks_document on rag_chunks
-- error: drop_constraint fk_rag_chunks_document on rag_chunks: on sqlite this needs a live database (table rebuild); run it online

-- move_table rag_documents to library.documents
-- error: move_table rag_documents to library.documents: on sqlite this needs a live database (the table is copied into the other database); run it online

-- move_table library.documents to archive.documents
-- error: move_table library.documents to archive.documents: on sqlite this needs a live database (the table is copied into the other database); run it online

-- move_table archive.documents to archive.old_documents
-- error: move_table archive.documents to archive.old_documents: on sqlite this needs a live database (the table is copied into the other database); run it online

-- move_table archive.old_documents to rag_documents
-- error: move_table archive.old_documents to rag_documents: on sqlite this needs a live database (the table is copied into the other database); run it online

-- create_foreign_key fk_rag_chunks_document on rag_chunks
-- error: create_foreign_key fk_rag_chunks_document on rag_chunks: on sqlite this needs a live database (table rebuild); run it online

-- drop_table rag_chunks
DROP TABLE rag_chunks;

-- drop_table rag_documents
DROP TABLE rag_documents;
