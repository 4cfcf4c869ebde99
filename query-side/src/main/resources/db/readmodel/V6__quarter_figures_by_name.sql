-- The quarterly trend's counts, one column per figure until now, become one row per quarter and figure
-- (QuarterFigure, by its constant name), so a figure is added in Java without a migration. The counts move over
-- unchanged; nothing is rebuilt.
ALTER TABLE figure_quarter RENAME TO figure_quarter_by_column;
ALTER INDEX figure_quarter_pkey RENAME TO figure_quarter_by_column_pkey;

CREATE TABLE figure_quarter (
    department   VARCHAR(20) NOT NULL,
    kind         VARCHAR(40) NOT NULL,
    year         INTEGER     NOT NULL,
    quarter      DATE        NOT NULL,
    figure       VARCHAR(40) NOT NULL,
    partnerships BIGINT      NOT NULL,
    PRIMARY KEY (department, kind, year, quarter, figure)
);
INSERT INTO figure_quarter (department, kind, year, quarter, figure, partnerships)
SELECT department, kind, year, quarter, counted.figure, counted.partnerships
FROM figure_quarter_by_column,
     LATERAL (VALUES ('PROPOSED', proposed), ('PILOTS_STARTED', pilots_started),
                     ('IMPLEMENTATIONS_STARTED', implementations_started), ('COMPLETED', completed),
                     ('ABANDONED', abandoned)) AS counted (figure, partnerships)
WHERE counted.partnerships <> 0;
DROP TABLE figure_quarter_by_column;

-- The QuarterFigures figure_quarter was counted with (CountedFigures): a figure added or removed in Java is noticed
-- on start, and the read model is rebuilt from the events to count it.
CREATE TABLE figure_quarter_counted (
    figure VARCHAR(40) PRIMARY KEY
);
INSERT INTO figure_quarter_counted (figure)
VALUES ('PROPOSED'), ('PILOTS_STARTED'), ('IMPLEMENTATIONS_STARTED'), ('COMPLETED'), ('ABANDONED');
