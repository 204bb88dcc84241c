/// A business calendar is what SLA clocks count working time in.
extension BusinessCalendar: WorkingCalendar {}
