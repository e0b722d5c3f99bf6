-- category slugs
--
-- Slugs are computed in Python: the rules (ASCII folding, "&" -> "and",
-- dedup with a numeric suffix) are the ones the storefront uses.
--
-- Revision ID: 0007_category_slugs
-- Revises: 0006_merge_reporting
-- Create Date: 2024-04-02 17:25:39.640118

-- Hand-written replacement for the Alembic revision, which fills the slugs
-- through an ORM session. Same rules in Lua; non-ASCII letters are dropped
-- rather than folded (no category name carries one).

revision = "0007_category_slugs"
down_revision = "0006_merge_reporting"
branch_labels = nil
depends_on = nil

local function slugify(name)
  name = name:gsub("&", " and ")
  return (name:lower():gsub("[^a-z0-9]+", "-"):gsub("^%-+", ""):gsub("%-+$", ""))
end

function upgrade()
  op.add_column("categories", op.column("slug", op.String(140), {nullable = true}),
                {schema = "catalog"})

  local seen = {}
  for _, category in ipairs(op.query("SELECT id, name FROM catalog.categories ORDER BY id")) do
    local base = slugify(category.name)
    local slug, n = base, 2
    while seen[slug] do
      slug = base .. "-" .. n
      n = n + 1
    end
    seen[slug] = true
    op.execute(string.format("UPDATE catalog.categories SET slug = '%s' WHERE id = %d",
                             slug, tonumber(category.id)))
  end

  op.alter_column("categories", "slug", {schema = "catalog", existing_type = op.String(140),
                                         nullable = false})
  op.create_unique_constraint("uq_categories_slug", "categories", {"slug"}, {schema = "catalog"})
end

function downgrade()
  op.drop_constraint("uq_categories_slug", "categories", {schema = "catalog", type_ = "unique"})
  op.drop_column("categories", "slug", {schema = "catalog"})
end
