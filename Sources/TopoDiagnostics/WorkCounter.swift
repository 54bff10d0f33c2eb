import Synchronization

/// Counts of the work a piece of code did (YAML events handled, hostlist names built, edit-distance
/// cells computed, source bytes scanned …), so that tests prove a cost linear by counting, the same
/// on any machine, instead of timing it. Off unless a test binds one:
///
///     let work = WorkCounter()
///     WorkCounter.$current.withValue(work) { … }
///     #expect(work[.yamlEvents] < 100)
///
/// Counted code reads `current` once per call and adds its tally at the end, so the cost when no
/// counter is bound is one task-local lookup per call.
package final class WorkCounter: Sendable {
    /// What is counted; each kind is added to by one place in the code, named in its comment.
    package struct Kind: Hashable, Sendable {
        package let name: String
        package init(_ name: String) { self.name = name }

        /// libyaml events the YAML parser handled (`TreeBuilder.run`).
        package static let yamlEvents = Kind("yaml events")
        /// Names a hostlist expansion built (`Hostlist.expand`).
        package static let hostlistNames = Kind("hostlist names")
        /// Scalars a hostlist expansion read plus characters it wrote into names (`Hostlist.expand`).
        package static let hostlistCharacters = Kind("hostlist characters")
        /// Node types the spec decoder decoded (`SpecDecoder.decodeNodeTypes`).
        package static let nodeTypesDecoded = Kind("node types decoded")
        /// Cells of the edit-distance table filled for "did you mean" (`Suggestion.closest`).
        package static let suggestionCells = Kind("suggestion cells")
        /// Bytes of source text scanned to find and show diagnostic lines (`SourceText`).
        package static let sourceBytesScanned = Kind("source bytes scanned")
        /// Bytes read from spec files (`SpecLoader.read`).
        package static let specBytesRead = Kind("spec bytes read")
        /// Units of placement evaluation done, `PlacementPlanner.evaluationCost` per placement
        /// evaluated (`PlacementPlanner.plan`).
        package static let placementWork = Kind("placement work")
    }

    /// The counter work is added to in this task, if a test bound one.
    @TaskLocal package static var current: WorkCounter?

    private let counts = Mutex<[Kind: Int]>([:])

    package init() {}

    /// Adds `amount` of `kind` to the bound counter, if any.
    package static func add(_ amount: Int, _ kind: Kind) {
        guard amount != 0, let counter = current else { return }
        counter.counts.withLock { $0[kind, default: 0] &+= amount }
    }

    /// The work of `kind` counted so far.
    package subscript(kind: Kind) -> Int {
        counts.withLock { $0[kind] ?? 0 }
    }

    /// Runs `body` with a fresh counter bound and returns its result with the counter.
    package static func counting<T>(_ body: () throws -> T) rethrows -> (result: T, work: WorkCounter) {
        let counter = WorkCounter()
        let result = try $current.withValue(counter) { try body() }
        return (result, counter)
    }
}
