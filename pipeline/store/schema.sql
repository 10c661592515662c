-- sitrep database schema: the one definition of every table and view.
--
-- Tables (prefixed raw_) hold what the batch step writes; the views without a
-- prefix are the public contract that the dashboard, the CSV downloads and
-- users read, their columns in the order the dashboard shows them. Column
-- meanings are documented in the README's data dictionary (a test checks it).
-- A name in braces stands for a list of pipeline/vocab.py, filled in by store/schema.py;
-- the column types of every table and view are read back from here.

CREATE TABLE raw_articles (
    article_id      VARCHAR PRIMARY KEY,       -- first 16 hex of sha256 of the normalised text
    file            VARCHAR NOT NULL,          -- input path relative to the folder given (JSONL/CSV: file#line)
    external_id     VARCHAR,                   -- the "id" given in JSONL/CSV input, if any
    title           VARCHAR,
    source          VARCHAR,
    url             VARCHAR,
    author          VARCHAR,
    published       DATE,
    date_source     VARCHAR NOT NULL CHECK (date_source IN ({DATE_SOURCES})),
    date_precision  VARCHAR CHECK (date_precision IN ({DATE_PRECISIONS})),
    n_chars         INTEGER NOT NULL CHECK (n_chars >= 0),
    text            VARCHAR NOT NULL,
    -- How title, source (the outlet), author and url were found: metadata, or read from the page.
    title_from      VARCHAR NOT NULL DEFAULT 'none' CHECK (title_from IN ({CITATION_SOURCES})),
    source_from     VARCHAR NOT NULL DEFAULT 'none' CHECK (source_from IN ({CITATION_SOURCES})),
    author_from     VARCHAR NOT NULL DEFAULT 'none' CHECK (author_from IN ({CITATION_SOURCES})),
    url_from        VARCHAR NOT NULL DEFAULT 'none' CHECK (url_from IN ({CITATION_SOURCES})),
    first_run       INTEGER,                   -- the run that first loaded this text and metadata; NULL: not recorded
    CHECK ((published IS NULL) = (date_precision IS NULL))
);

CREATE TABLE raw_figures (
    figure_id        VARCHAR PRIMARY KEY,
    article_id       VARCHAR NOT NULL REFERENCES raw_articles (article_id),
    kind             VARCHAR NOT NULL CHECK (kind IN ({KINDS})),
    value            BIGINT,
    value_low        BIGINT,                   -- NULL for "up to N": no floor is stated
    value_high       BIGINT,
    qualifier        VARCHAR NOT NULL
        CHECK (qualifier IN ({QUALIFIERS})),
    unit             VARCHAR NOT NULL CHECK (unit IN ({UNITS})),
    people_estimate  BIGINT NOT NULL,
    victims          VARCHAR NOT NULL
        CHECK (victims IN ({VICTIMS})),
    incident         VARCHAR NOT NULL DEFAULT '', -- kinds of incident its sentence names ("airstrike")
    running          BOOLEAN NOT NULL DEFAULT false, -- a running count ("since Sunday", "the toll rose to")
    claimed_by       VARCHAR,                  -- who the text says gives it, as written; NULL when nobody
    claimant_type    VARCHAR NOT NULL DEFAULT 'unknown' CHECK (claimant_type IN ({CLAIMANT_TYPES})),
    province         VARCHAR,
    place            VARCHAR,
    country          VARCHAR CHECK (length(country) = 3), -- ISO 3166-1 alpha-3; NULL when unknown
    place_basis      VARCHAR NOT NULL CHECK (place_basis IN ({PLACE_BASES})),
    event_date       DATE,
    date_precision   VARCHAR CHECK (date_precision IN ({DATE_PRECISIONS})),
    counted          BOOLEAN NOT NULL,         -- false for breakdown parts and repeats within one article
    role             VARCHAR NOT NULL CHECK (role IN ({ROLES})),
    parent_figure_id VARCHAR,                  -- the total a detail row is part of, or the figure a repeat restates
    number_text      VARCHAR NOT NULL,         -- the number as written, with its qualifier
    confidence       VARCHAR NOT NULL CHECK (confidence IN ({CONFIDENCE})),
    confidence_reason VARCHAR NOT NULL,        -- why it is not higher ("; "-separated), '' when high
    sentence         VARCHAR NOT NULL,
    char_start       INTEGER NOT NULL,         -- the figure's span in the article text
    char_end         INTEGER NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    event_id         VARCHAR,                  -- the event it reports (events view); NULL if not grouped
    is_primary       BOOLEAN NOT NULL DEFAULT false, -- the figure its event keeps
    added            BOOLEAN NOT NULL DEFAULT false, -- added by an analyst: made anew from the reviews at every run
    CHECK (value_low <= coalesce(value_high, value_low)),
    CHECK (char_start < char_end)
);

CREATE TABLE raw_pressure (
    pressure_id     VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL REFERENCES raw_articles (article_id),
    capital         VARCHAR NOT NULL,
    province        VARCHAR NOT NULL,
    country         VARCHAR NOT NULL CHECK (length(country) = 3),
    level           VARCHAR NOT NULL
        CHECK (level IN ({LEVELS})),
    trigger         VARCHAR NOT NULL,          -- the words that set the level
    claimed_by      VARCHAR,                   -- who the text says reports it; NULL when nobody
    claimant_type   VARCHAR NOT NULL DEFAULT 'unknown' CHECK (claimant_type IN ({CLAIMANT_TYPES})),
    confidence      VARCHAR NOT NULL CHECK (confidence IN ({CONFIDENCE})),
    confidence_reason VARCHAR NOT NULL,
    event_date      DATE,
    date_precision  VARCHAR CHECK (date_precision IN ({DATE_PRECISIONS})),
    is_background   BOOLEAN NOT NULL,
    sentence        VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL
);

CREATE TABLE raw_district_events (
    district_event_id VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL REFERENCES raw_articles (article_id),
    district        VARCHAR NOT NULL,
    province        VARCHAR NOT NULL,
    country         VARCHAR NOT NULL CHECK (length(country) = 3),
    status          VARCHAR NOT NULL CHECK (status IN ({DISTRICT_STATUSES})),
    event_date      DATE,
    date_precision  VARCHAR CHECK (date_precision IN ({DATE_PRECISIONS})),
    is_background   BOOLEAN NOT NULL,
    sentence        VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL
);

-- Derived by the batch step from all figures at every run (pipeline/group/).
CREATE TABLE raw_events (
    event_id        VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,
    country         VARCHAR,                   -- ISO 3166-1 alpha-3 of its figures; NULL when unknown
    province        VARCHAR,
    place           VARCHAR,
    victims         VARCHAR NOT NULL,
    date_start      DATE,
    date_end        DATE,
    n_reports       BIGINT NOT NULL CHECK (n_reports >= 1),
    figure_id       VARCHAR NOT NULL,          -- the chosen figure
    value           BIGINT,
    value_low       BIGINT,
    value_high      BIGINT,
    qualifier       VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    people_estimate BIGINT NOT NULL,
    chosen_by       VARCHAR NOT NULL,          -- the rule that chose it
    range_low       BIGINT,                    -- the lowest and highest its reports give,
    range_high      BIGINT                     -- other sources' estimates included
);

CREATE TABLE raw_pressure_episodes (
    episode_id      VARCHAR PRIMARY KEY,
    capital         VARCHAR NOT NULL,
    province        VARCHAR NOT NULL,
    country         VARCHAR NOT NULL,
    first_date      DATE NOT NULL,
    last_date       DATE NOT NULL,
    highest_level   VARCHAR NOT NULL,
    latest_level    VARCHAR NOT NULL,
    n_reports       BIGINT NOT NULL,
    n_mentions      BIGINT NOT NULL,
    is_background   BOOLEAN NOT NULL           -- every mention recalls it as an earlier episode
);

-- Derived by the batch step at every run from the review history (pipeline/review/): each
-- reviewed row's status and corrected values; the extracted values stay in their tables.
CREATE TABLE raw_reviews (
    target          VARCHAR NOT NULL CHECK (target IN ({REVIEW_TARGETS})),
    row_id          VARCHAR NOT NULL,          -- the row's id in its table at this run
    review_status   VARCHAR NOT NULL CHECK (review_status IN ({REVIEW_STATUSES})),
    reviewed_by     VARCHAR NOT NULL,
    reviewed_at     TIMESTAMP,                 -- UTC
    reason          VARCHAR,                   -- why it was rejected
    note            VARCHAR,
    kind            VARCHAR,                   -- corrected values; NULL: as extracted
    value           BIGINT,
    value_low       BIGINT,
    value_high      BIGINT,
    qualifier       VARCHAR,
    unit            VARCHAR,
    victims         VARCHAR,
    province        VARCHAR,
    place           VARCHAR,
    country         VARCHAR,
    event_date      DATE,
    claimed_by      VARCHAR,
    people_estimate BIGINT,                    -- a corrected figure's people (families x household size)
    level           VARCHAR,
    capital         VARCHAR,
    status          VARCHAR,
    district        VARCHAR,
    PRIMARY KEY (target, row_id)
);

-- Reviews whose words no row holds any more: kept on record, never dropped.
CREATE TABLE raw_review_orphans (
    target          VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    anchor_text     VARCHAR NOT NULL,
    review_status   VARCHAR NOT NULL,
    reviewed_by     VARCHAR NOT NULL,
    reviewed_at     TIMESTAMP,
    row_id          VARCHAR                    -- the row's id when it was reviewed
);

CREATE TABLE raw_rejects (
    path    VARCHAR NOT NULL,
    line    INTEGER,                           -- line in a JSONL/CSV file, else NULL
    reason  VARCHAR NOT NULL,                  -- short machine-readable cause
    detail  VARCHAR NOT NULL                   -- what went wrong and how to fix it
);

CREATE TABLE raw_runs (
    run_id          INTEGER PRIMARY KEY,
    finished_at     TIMESTAMP NOT NULL,
    extractor       VARCHAR NOT NULL,          -- extractor version: rows from another version are re-extracted
    inputs          VARCHAR NOT NULL,          -- the paths given, as given
    n_read          INTEGER NOT NULL,
    n_loaded        INTEGER NOT NULL,
    n_unchanged     INTEGER NOT NULL,
    n_rejected      INTEGER NOT NULL,
    seconds         DOUBLE NOT NULL,
    reviews_seen    BIGINT                     -- the newest review action this run applied
);

-- Public views -------------------------------------------------------------

-- A row is new when its article was first loaded by the latest run that loaded any
-- (raw_articles.first_run is the highest).
CREATE VIEW articles AS
SELECT
    coalesce(first_run = (SELECT max(first_run) FROM raw_articles), false) AS new,
    published, title, source, author, url, file, date_source, date_precision,
    title_from, source_from, author_from, url_from,
    n_chars, external_id, article_id, first_run
FROM raw_articles;

CREATE VIEW figures AS
WITH
    figures AS (SELECT * FROM raw_figures),
    reviews AS (SELECT * FROM raw_reviews WHERE target = 'figure'),
    -- An article is new when the latest run that loaded any first loaded it.
    articles AS (
        SELECT article_id, file, title, source, author, url, published,
               coalesce(first_run = (SELECT max(first_run) FROM raw_articles), false) AS new
        FROM raw_articles
    ),
    reviewed AS (
        -- An analyst's corrections in place of the extracted values, which stay as original_*.
        SELECT
            f.* REPLACE (
                coalesce(r.kind, f.kind) AS kind, coalesce(r.value, f.value) AS value,
                coalesce(r.value_low, f.value_low) AS value_low,
                coalesce(r.value_high, f.value_high) AS value_high,
                coalesce(r.qualifier, f.qualifier) AS qualifier, coalesce(r.unit, f.unit) AS unit,
                coalesce(r.victims, f.victims) AS victims, coalesce(r.province, f.province) AS province,
                coalesce(r.place, f.place) AS place, coalesce(r.country, f.country) AS country,
                coalesce(r.event_date, f.event_date) AS event_date,
                CASE WHEN r.event_date IS NULL THEN f.date_precision ELSE 'day' END AS date_precision,
                coalesce(r.claimed_by, f.claimed_by) AS claimed_by,
                coalesce(r.people_estimate, f.people_estimate) AS people_estimate,
                f.counted AND coalesce(r.review_status, '') <> 'rejected' AS counted,
                f.is_primary AND coalesce(r.review_status, '') <> 'rejected' AS is_primary
            ),
            coalesce(r.review_status, 'unreviewed') AS review_status, r.reviewed_by, r.reviewed_at,
            r.reason AS review_reason, r.note AS review_note,
            f.kind AS original_kind, f.value AS original_value, f.qualifier AS original_qualifier,
            f.unit AS original_unit, f.victims AS original_victims, f.province AS original_province,
            f.country AS original_country, f.event_date AS original_event_date
        FROM figures AS f
        LEFT JOIN reviews AS r ON r.row_id = f.figure_id
    ),
    final AS (
        SELECT
            a.new,
            f.event_date, year(f.event_date) AS year, f.country, f.province, f.place, f.place_basis,
            f.kind, f.victims, f.incident, f.running, f.claimed_by, f.claimant_type,
            f.number_text, f.value, f.value_low, f.value_high, f.qualifier, f.unit,
            f.people_estimate, f.counted, f.role, f.confidence, f.confidence_reason,
            f.review_status, f.reviewed_by, f.reviewed_at, f.review_reason, f.review_note,
            f.original_kind, f.original_value, f.original_qualifier, f.original_unit,
            f.original_victims, f.original_province, f.original_country, f.original_event_date,
            f.sentence, a.title, a.source, a.author, a.url, a.published,
            f.date_precision, f.figure_id, f.parent_figure_id, f.event_id, f.is_primary,
            f.article_id, a.file, f.char_start, f.char_end, f.sentence_start, f.sentence_end
        FROM reviewed AS f
        JOIN articles AS a USING (article_id)
    )
SELECT * FROM final;

CREATE VIEW pressure AS
WITH
    pressure AS (SELECT * FROM raw_pressure),
    reviews AS (SELECT * FROM raw_reviews WHERE target = 'pressure'),
    -- An article is new when the latest run that loaded any first loaded it.
    articles AS (
        SELECT article_id, file, title, source, author, url, published,
               coalesce(first_run = (SELECT max(first_run) FROM raw_articles), false) AS new
        FROM raw_articles
    ),
    reviewed AS (
        -- An analyst's corrections in place of the extracted values, which stay as original_*.
        SELECT
            p.* REPLACE (
                coalesce(r.capital, p.capital) AS capital, coalesce(r.province, p.province) AS province,
                coalesce(r.country, p.country) AS country, coalesce(r.level, p.level) AS level,
                coalesce(r.event_date, p.event_date) AS event_date,
                CASE WHEN r.event_date IS NULL THEN p.date_precision ELSE 'day' END AS date_precision,
                coalesce(r.claimed_by, p.claimed_by) AS claimed_by
            ),
            coalesce(r.review_status, 'unreviewed') AS review_status, r.reviewed_by, r.reviewed_at,
            r.reason AS review_reason, r.note AS review_note,
            p.capital AS original_capital, p.level AS original_level,
            p.event_date AS original_event_date
        FROM pressure AS p
        LEFT JOIN reviews AS r ON r.row_id = p.pressure_id
    ),
    final AS (
        SELECT
            a.new,
            p.event_date, year(p.event_date) AS year, p.country, p.capital, p.province, p.level,
            CASE p.level {LEVEL_RANK} END AS level_rank,
            p.is_background, p.claimed_by, p.claimant_type, p.confidence, p.confidence_reason,
            p.review_status, p.reviewed_by, p.reviewed_at, p.review_reason, p.review_note,
            p.original_capital, p.original_level, p.original_event_date,
            p.trigger, p.sentence,
            a.title, a.source, a.author, a.url, a.published,
            p.date_precision, p.pressure_id, p.article_id, a.file,
            p.char_start, p.char_end, p.sentence_start, p.sentence_end
        FROM reviewed AS p
        JOIN articles AS a USING (article_id)
    )
SELECT * FROM final;

CREATE VIEW district_events AS
WITH
    districts AS (SELECT * FROM raw_district_events),
    reviews AS (SELECT * FROM raw_reviews WHERE target = 'district_event'),
    -- An article is new when the latest run that loaded any first loaded it.
    articles AS (
        SELECT article_id, file, title, source, author, url, published,
               coalesce(first_run = (SELECT max(first_run) FROM raw_articles), false) AS new
        FROM raw_articles
    ),
    reviewed AS (
        SELECT
            d.* REPLACE (
                coalesce(r.district, d.district) AS district, coalesce(r.province, d.province) AS province,
                coalesce(r.country, d.country) AS country, coalesce(r.status, d.status) AS status,
                coalesce(r.event_date, d.event_date) AS event_date,
                CASE WHEN r.event_date IS NULL THEN d.date_precision ELSE 'day' END AS date_precision
            ),
            coalesce(r.review_status, 'unreviewed') AS review_status, r.reviewed_by, r.reviewed_at,
            r.reason AS review_reason, r.note AS review_note,
            d.district AS original_district, d.status AS original_status,
            d.event_date AS original_event_date
        FROM districts AS d
        LEFT JOIN reviews AS r ON r.row_id = d.district_event_id
    ),
    final AS (
        SELECT
            a.new,
            d.event_date, year(d.event_date) AS year, d.country, d.district, d.province, d.status,
            d.is_background, d.review_status, d.reviewed_by, d.reviewed_at, d.review_reason,
            d.review_note, d.original_district, d.original_status, d.original_event_date,
            d.sentence, d.date_precision, d.district_event_id, d.article_id,
            a.title, a.source, a.author, a.url, a.published, a.file,
            d.char_start, d.char_end
        FROM reviewed AS d
        JOIN articles AS a USING (article_id)
    )
SELECT * FROM final;

CREATE VIEW events AS
SELECT
    coalesce(a.first_run = (SELECT max(first_run) FROM raw_articles), false) AS new,
    e.date_start, e.date_end, year(e.date_start) AS year, e.country, e.province, e.place, e.kind,
    e.victims, e.n_reports, e.value, e.value_low, e.value_high, e.qualifier, e.unit,
    e.people_estimate, e.chosen_by, e.range_low, e.range_high, f.claimed_by, f.claimant_type,
    f.confidence, f.confidence_reason,
    coalesce(r.review_status, 'unreviewed') AS review_status, r.reviewed_by, r.reviewed_at,
    f.sentence, e.event_id, e.figure_id, f.article_id,
    a.title, a.source, a.author, a.url, a.published, a.file
FROM raw_events AS e
JOIN raw_figures AS f USING (figure_id)
JOIN raw_articles AS a ON a.article_id = f.article_id
LEFT JOIN raw_reviews AS r ON r.target = 'figure' AND r.row_id = e.figure_id;

CREATE VIEW pressure_episodes AS
SELECT
    capital, province, country, first_date, last_date, highest_level, latest_level, n_reports,
    n_mentions, is_background, episode_id
FROM raw_pressure_episodes;

CREATE VIEW rejects AS
SELECT path, line, reason, detail FROM raw_rejects;

CREATE VIEW review_orphans AS
SELECT target, article_id, char_start, char_end, anchor_text, review_status, reviewed_by, reviewed_at, row_id
FROM raw_review_orphans;

CREATE VIEW runs AS
SELECT * FROM raw_runs;
