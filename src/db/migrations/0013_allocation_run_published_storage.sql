-- The published document is gzip'd by the allocation worker: keep PostgreSQL from trying to
-- compress it again (EXTERNAL: out of line, uncompressed). Hand-written, so that it survives
-- renumbering of the generated migrations.
ALTER TABLE "allocation_runs" ALTER COLUMN "published" SET STORAGE EXTERNAL;
