import Foundation
import Hummingbird
import OpslineStore
import Workflow

/// `/v1/calendars`: the business calendars SLA clocks count working time in, and the deadline
/// calculator. Any token may read them.
struct CalendarRoutes {
    let calendars: CalendarBook
    /// What "now" is when `from` is not given.
    let clock: OpslineClock

    /// Adds the routes to the authenticated `/v1` group.
    func register(on v1: RouterGroup<AuthenticatedRequestContext>) {
        let group = v1.group("calendars")
        group.get(query: [], use: list)
        group.get(":name/due", query: ["from", "duration"], use: due)
    }

    /// One line per calendar, by name; `24x7` is always there.
    @Sendable func list(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let lines = calendars.businessCalendars.map { NDJSON.buffer(CalendarLine(calendar: $0)) }
        return Response(status: .ok, headers: [.contentType: NDJSON.contentType], body: .init(contentsOf: lines))
    }

    /// `GET /v1/calendars/{name}/due?from=<RFC 3339>&duration=<4h>`: the deadline an SLA clock
    /// started at `from` (default: now) with that target gets in the calendar; 400 naming
    /// `duration` when it would fall after the year 9999.
    @Sendable func due(_ request: Request, context: AuthenticatedRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        guard let calendar = calendars.businessCalendar(named: name) else {
            throw APIError.notFound("no calendar \(name)")
        }
        let query = QueryValues(request)
        guard let duration = try query.duration("duration") else {
            throw QueryValues.bad("duration", "duration is required: a working time such as 45s, 30m, 2h or 1d4h")
        }
        let from = try query.time("from") ?? clock.now
        do throws(DeadlineError) {
            let line = try CalendarDueLine(calendar: calendar, from: from, duration: duration)
            return StreamedLines.single(line, status: .ok)
        } catch {
            let parameter = error == .startOutOfRange ? "from" : "duration"
            throw QueryValues.bad(
                parameter, "\(duration) of working time on calendar '\(name)' has no deadline: \(error)")
        }
    }
}
