import Foundation
import OpslineStore
import Workflow

/// Renders a digest delivery's body at its first attempt: the facts of its teams' clocks as they
/// are then, for the local date it reports on.
///
/// The periods come from the digest's calendar: work at risk is what falls due before the next
/// digest (the same time on the next working day), compliance counts the clocks met or breached
/// from the start of the previous working day to the start of this one (on a Monday, Friday to
/// Sunday).
struct DigestRenderer: Sendable {
    let reports: ReportStore
    let calendars: CalendarBook
    let publicURL: String?
    /// Rows per list at most.
    var cap = 20

    /// The report of `digest` for `subscription`, as of `now`.
    func report(_ digest: DigestDelivery, subscription: String, now: Date) async throws -> DigestReport {
        let calendar = calendars.businessCalendar(named: digest.setting.calendar) ?? .twentyFourSeven
        let schedule = DigestSchedule(
            minute: DigestSchedule.minute(parsing: digest.setting.at) ?? 0, calendar: calendar)
        let day = digest.day ?? schedule.day(of: now)
        let atRiskBy = schedule.occurrence(on: schedule.nextWorkingDay(after: day)).at
        let decidedFrom = schedule.instant(of: schedule.previousWorkingDay(before: day), minute: 0)
        let decidedTo = schedule.instant(of: day, minute: 0)
        let facts = try await reports.digest(
            DigestQuery(
                filter: digest.filter, atRiskBy: atRiskBy, decidedFrom: decidedFrom, decidedTo: decidedTo, cap: cap))
        return DigestReport(
            subscription: subscription, day: day, schedule: schedule, teams: digest.filter.teams,
            decidedFrom: decidedFrom, decidedTo: decidedTo, atRiskBy: atRiskBy, facts: facts, publicURL: publicURL)
    }

    /// The body `delivery` (a digest, or a digest subscription's sample) sends.
    func body(for delivery: ClaimedDelivery, digest: DigestDelivery, now: Date) async throws -> String {
        let report = try await report(digest, subscription: delivery.subscriptionName, now: now)
        return ChannelBody.renderDigest(delivery.channel, content: report.content, report: report.json)
    }
}
