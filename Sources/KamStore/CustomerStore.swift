import Foundation
import KamModel

/// The customer store: the one API through which the rest of kam reads and writes customers, plans,
/// import runs, sync bases and file bindings.
///
/// Work happens in a closure that runs as one transaction: `write` commits when the closure returns and
/// rolls everything back when it throws, so an import or a sync is all-or-nothing. The session handed to
/// the closure is only valid inside it. SQL dialects live in the implementations (`SQLiteCustomerStore`
/// today; a PostgreSQL store can implement the same protocols).
public protocol CustomerStore: Sendable {
    /// Runs `body` in a read-only transaction that sees one consistent snapshot.
    /// - Throws: `StoreError`, or whatever `body` throws.
    func read<T>(_ body: (any StoreReading) throws -> T) throws -> T

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    /// - Throws: `StoreError` (e.g. `.constraintViolated`), or whatever `body` throws (after rollback).
    @discardableResult func write<T>(_ body: (any StoreWriting) throws -> T) throws -> T
}

/// What can be read inside a store transaction.
public protocol StoreReading {
    /// Every customer id, ascending (UTF-8 byte order).
    func customerIDs() throws -> [CustomerID]
    /// Every customer with all its lists and provenance, ordered by id.
    func fetchCustomers() throws -> [Customer]
    /// One customer, or nil.
    func fetchCustomer(_ id: CustomerID) throws -> Customer?
    /// How many customers there are.
    func customerCount() throws -> Int

    /// Every plan, ordered by id.
    func fetchPlans() throws -> [Plan]
    /// One plan, or nil.
    func fetchPlan(id: String) throws -> Plan?

    /// Every import run, oldest first.
    func importRuns() throws -> [ImportRun]
    /// The log of one run, in the order it was written.
    func importLog(runID: Int64) throws -> [ImportLogEntry]

    /// The base (last-synced value) of one bound cell or record field, or nil.
    func syncBase(_ key: SyncBaseKey) throws -> SyncBase?
    /// Every base of one file, ordered by sheet, cell, record, field.
    func syncBases(file: String) throws -> [SyncBase]
    /// The bases of one file keyed by record (without cell), a record at a time, ordered by sheet and record.
    func recordBases(file: String) throws -> [RecordBase]

    /// The binding of one file, or nil.
    func fileBinding(path: String) throws -> FileBinding?
    /// Every file binding, ordered by path.
    func fileBindings() throws -> [FileBinding]
}

/// What can be changed inside a write transaction.
public protocol StoreWriting: StoreReading {
    /// Stores a customer whole, replacing any customer with the same id (lists and provenance included).
    /// - Returns: true when the id was new.
    @discardableResult func upsertCustomer(_ customer: Customer) throws -> Bool
    /// Stores a customer the caller knows is not in the store (a bulk import that read the store first): no
    /// lookup for an old row to replace. - Throws: `StoreError.constraintViolated` when the id is taken after all.
    func insertCustomer(_ customer: Customer) throws
    /// Runs `body`, which writes many customers at once (a large import): the store may put off upkeep such as
    /// secondary indexes until `body` ends, when it is done in one pass.
    func bulkLoad<T>(_ body: () throws -> T) throws -> T
    /// Removes a customer and everything that hangs off it. - Returns: whether it existed.
    @discardableResult func deleteCustomer(_ id: CustomerID) throws -> Bool
    /// Removes every customer.
    func deleteAllCustomers() throws

    /// Stores a plan whole, replacing any plan with the same id. - Returns: true when the id was new.
    @discardableResult func upsertPlan(_ plan: Plan) throws -> Bool
    /// Removes a plan. - Returns: whether it existed.
    @discardableResult func deletePlan(id: String) throws -> Bool
    /// Removes every plan.
    func deleteAllPlans() throws

    /// Starts an import run and returns it with its new id.
    func beginImportRun(source: String, kind: String, startedAt: LocalDateTime) throws -> ImportRun
    /// Saves a run's status, finish time and counts.
    func finishImportRun(_ run: ImportRun) throws
    /// Appends an entry to a run's log.
    func appendImportLog(_ entry: ImportLogEntry) throws

    /// Stores the base of one bound cell or record field (replacing the previous one).
    /// The file must have a `FileBinding` first.
    func setSyncBase(_ base: SyncBase) throws
    /// Removes the base of one bound cell or record field, if there is one.
    func deleteSyncBase(_ key: SyncBaseKey) throws
    /// Removes every base of one file.
    func deleteSyncBases(file: String) throws
    /// Stores the bases of one record, replacing all of its previous ones (an empty `fields` removes them).
    /// The file must have a `FileBinding` first.
    func setRecordBase(_ base: RecordBase) throws
    /// Removes the bases of one record, if it has any.
    func deleteRecordBase(file: String, sheet: String, record: CustomerID) throws

    /// Stores a file binding (replacing the previous one for its path).
    func setFileBinding(_ binding: FileBinding) throws
    /// Removes a file binding and its sync bases. - Returns: whether it existed.
    @discardableResult func deleteFileBinding(path: String) throws -> Bool
}

extension CustomerStore {
    /// Every customer, ordered by id.
    public func fetchCustomers() throws -> [Customer] { try read { try $0.fetchCustomers() } }

    /// One customer, or nil.
    public func fetchCustomer(_ id: CustomerID) throws -> Customer? { try read { try $0.fetchCustomer(id) } }

    /// Every plan, ordered by id.
    public func fetchPlans() throws -> [Plan] { try read { try $0.fetchPlans() } }

    /// The whole store as a workspace document (what `kam export --json` prints).
    public func exportDocument() throws -> WorkspaceDocument {
        try read { WorkspaceDocument(customers: try $0.fetchCustomers(), plans: try $0.fetchPlans()) }
    }
}
