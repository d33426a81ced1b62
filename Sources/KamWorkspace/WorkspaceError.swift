/// Why a workspace could not be found, made or opened, and where.
public struct WorkspaceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No kam.yaml in the start folder or any folder above it.
        case notFound(searchedFrom: String)
        /// `--workspace` names a path with no kam.yaml.
        case notAWorkspace
        /// `kam init` found a kam.yaml already there.
        case alreadyExists
        /// kam.yaml is not valid YAML or has a bad value.
        case invalidConfiguration(String)
        /// A file or folder could not be read or written.
        case io(String)
    }

    public var reason: Reason
    /// The folder or file concerned.
    public var path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    /// A stable kebab-case code for messages.
    public var code: String {
        switch reason {
        case .notFound: "no-workspace"
        case .notAWorkspace: "not-a-workspace"
        case .alreadyExists: "workspace-exists"
        case .invalidConfiguration: "invalid-configuration"
        case .io: "workspace-io"
        }
    }

    public var description: String {
        switch reason {
        case .notFound(let from): "no kam.yaml in \(from) or any folder above it"
        case .notAWorkspace: "\(path): no kam.yaml there"
        case .alreadyExists: "\(path): a workspace already exists"
        case .invalidConfiguration(let m): "\(path): invalid configuration: \(m)"
        case .io(let m): "\(path): \(m)"
        }
    }
}
