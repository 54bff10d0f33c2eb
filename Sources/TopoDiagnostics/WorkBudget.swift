import Synchronization

/// A bound on the work one command may do, in units the code that does the work counts (for
/// placement: ranks plus sends evaluated, `PlacementPlanner.evaluationCost`). Unlike a clock it
/// gives the same answer on every machine and under any load, so output that depends on it stays
/// byte-identical: work whose cost is known up front is either afforded whole or not started, and
/// the caller says what it skipped. Shared by reference among the parts of one command.
public final class WorkBudget: Sendable {
    /// Units the whole command may spend.
    public let limit: Int
    private let spentUnits = Mutex(0)

    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Units spent so far.
    public var spent: Int { spentUnits.withLock { $0 } }

    /// Units left.
    public var remaining: Int { limit - spent }

    /// Spends `units` and returns true when they fit in what is left; otherwise spends nothing
    /// and returns false (the caller skips the work and says so).
    public func spend(_ units: Int) -> Bool {
        spentUnits.withLock { spent in
            guard units >= 0, units <= limit - spent else { return false }
            spent += units
            return true
        }
    }
}
