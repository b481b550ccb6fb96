/// What a row of figures is about. Spelled in lower case in every CSV file.
///
/// Entities are named by kind and id rather than by one path so a spreadsheet can filter
/// on "all pools" without parsing ids.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// A platform as users see it (an ENT, CNED's virtual classroom): sessions, gate, logins.
    case platform
    /// A server pool behind a platform: requests, queue, utilisation, response times.
    case pool
    /// A population segment (secondary pupils of a region, teachers…): who got in, when.
    case segment
    /// An attack traffic class: offered, filtered and served request rates.
    case attack
    /// The whole run: per-run figures that belong to no single entity.
    case run

    /// The order kinds appear in: users' view first, machinery next, run totals last.
    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
