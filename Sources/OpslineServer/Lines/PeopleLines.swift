import Foundation
import OpslineStore
import Workflow

/// A user as one API line: `{"name","display_name","email","chat","admin","disabled_at",
/// "created_at","last_assigned_at","teams"}`, every key always present; `teams` maps each team
/// the reader may see to the user's role there.
struct UserLine: Sendable {
    let user: User
    /// The memberships to show (``AccessPolicy/visibleMemberships(of:to:)``).
    let memberships: [TeamRole]

    /// The line of `user` as `reader` may see it.
    init(user: User, reader: Principal) {
        self.user = user
        self.memberships = AccessPolicy.visibleMemberships(of: user, to: reader)
    }

    var json: JSONValue {
        .object([
            "name": .string(user.name),
            "display_name": .string(user.displayName),
            "email": user.email.map(JSONValue.string) ?? .null,
            "chat": .object(user.chat.mapValues(JSONValue.string)),
            "admin": .bool(user.isAdmin),
            "disabled_at": user.disabledAt.map { .string(RFC3339.format($0)) } ?? .null,
            "created_at": .string(RFC3339.format(user.createdAt)),
            "last_assigned_at": user.lastAssignedAt.map { .string(RFC3339.format($0)) } ?? .null,
            "teams": .object(
                Dictionary(uniqueKeysWithValues: memberships.map { ($0.team, .string($0.role.rawValue)) })),
        ])
    }
}

/// A team as one API line: `{"name","title","created_at"}`; `GET /v1/teams/{name}` adds
/// `"members":[{"user","role","display_name","disabled"}]`, by user name.
struct TeamLine: Sendable {
    let team: Team
    var members: [TeamMember]? = nil

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(team.name),
            "title": team.title.map(JSONValue.string) ?? .null,
            "created_at": .string(RFC3339.format(team.createdAt)),
        ]
        if let list = self.members {
            members["members"] = .array(
                list.map { member in
                    .object([
                        "user": .string(member.user), "role": .string(member.role.rawValue),
                        "display_name": member.displayName.map(JSONValue.string) ?? .null,
                        "disabled": .bool(member.isDisabled),
                    ])
                })
        }
        return .object(members)
    }
}

/// A membership as one API line, answering `PUT` and `DELETE /v1/teams/{name}/members/{user}`:
/// `{"team","user","role"}` (for `DELETE`, the role the user had).
struct MembershipLine: Sendable {
    let member: TeamMember

    var json: JSONValue {
        .object([
            "team": .string(member.team), "user": .string(member.user), "role": .string(member.role.rawValue),
        ])
    }
}
