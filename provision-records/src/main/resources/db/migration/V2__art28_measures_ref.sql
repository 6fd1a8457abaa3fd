-- Route RECIPIENT_SYSTEM (体制整備, APPI Art. 28(1), Rule 16): where the provider's Art. 28(3) / Rule 18 measures are
-- documented. NULL on every other route and on the records made before the column existed.
ALTER TABLE provision_record ADD COLUMN art28_measures_ref text;
