/// The exit codes of every `kam` command (CONTRACTS.md).
public enum ExitStatusCode: Int32, Sendable {
    /// Success.
    case ok = 0
    /// The command ran and found errors (validation errors, sync conflicts).
    case findings = 1
    /// Bad usage or unreadable input.
    case failure = 2
}
