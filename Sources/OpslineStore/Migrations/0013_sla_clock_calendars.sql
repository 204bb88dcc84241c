-- Calendars by field: an SLA policy may count in a calendar of its own, chosen per task by a
-- field (`calendar: {by: severity, p1: 24x7, default: support-hours}`). The clock keeps the
-- calendar it counts in, so that its deadline, time left and next step are worked out the same
-- way by every replica and every later workflow version. NULL: the workflow's calendar, as for
-- every clock so far.
ALTER TABLE sla_clocks ADD COLUMN calendar text;
