-- Minutes laid out per body as the councils do it, and the roster's own order.
-- minutes_title_style: 'kind_body' ("Protokoll Specifika samverkansrådet …"), 'kind_dash_body'
--   ("Minnesanteckningar – Chefsgrupp folkhälsa"), 'kind_body_date' ("Minnesanteckningar chefsgrupp
--   folkhälsa den 31 januari 2022"); NULL: by document kind (protokoll → kind_body, minnesanteckningar →
--   kind_dash_body).
-- agenda_layout: 'headings' (numbered headings) or 'table' (the councils' "Nummer/föredragande | Ärende").
-- upcoming_placement: 'section' (own section after the items) or 'in_item' (under Övriga frågor, else the
--   last item, as the chefsgrupper write it).
-- service_unit: the letterhead's "Tjänsteställe" (page header of the Word and PDF files).
ALTER TABLE bodies ADD COLUMN minutes_title_style text;
-- NULL for agenda_layout and upcoming_placement means the default ('headings', 'section'): rows written
-- without these fields (older code, the demo region) stay valid.
ALTER TABLE bodies ADD COLUMN agenda_layout text;
ALTER TABLE bodies ADD COLUMN upcoming_placement text;
ALTER TABLE bodies ADD COLUMN service_unit text;
ALTER TABLE bodies ADD CONSTRAINT bodies_minutes_title_style CHECK (minutes_title_style IS NULL OR minutes_title_style IN ('kind_body', 'kind_dash_body', 'kind_body_date'));
ALTER TABLE bodies ADD CONSTRAINT bodies_agenda_layout CHECK (agenda_layout IS NULL OR agenda_layout IN ('headings', 'table'));
ALTER TABLE bodies ADD CONSTRAINT bodies_upcoming_placement CHECK (upcoming_placement IS NULL OR upcoming_placement IN ('section', 'in_item'));

-- The place of a seat in the body's list (the order of the pasted roster); NULL sorts after, by name.
ALTER TABLE memberships ADD COLUMN position integer;
