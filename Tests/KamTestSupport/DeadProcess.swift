import Foundation

/// Process ids no process holds any more, for tests of what kam does with a killed writer's leftovers.
public enum DeadProcess {
    /// The id of a child that has run and ended.
    public static func pid() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }
}
