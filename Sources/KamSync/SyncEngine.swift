import Foundation
import KamMapping
import KamModel
import KamSheets
import KamStore
import KamValidation

/// Why a sync stopped before changing anything.
public enum SyncError: Error, Sendable {
    /// The file was never exported by kam (no binding): nothing to compare with.
    case notBound(file: String)
    /// The file changed on disk while kam was reading it.
    case changedOnDisk(file: String)
    /// The bound customer sheet is missing from the workbook.
    case customerSheetMissing(file: String)
}

/// What a sync did (or would do, with `dryRun`).
public struct SyncOutcome: Sendable {
    public var plan: SyncPlan
    public var applied: Bool
}

/// Two-way sync of a key-account workbook with the store (CONTRACTS.md § sync): plan with `ThreeWayMerge`, then
/// apply in one store transaction and one in-place save of the workbook.
public struct SyncEngine: Sendable {
    public var store: any CustomerStore
    public var options: MergeOptions
    public var profile: MappingProfile
    /// Where the previous version of the workbook is kept (nil: the editor's default `FILE.bak`).
    public var backup: String?

    public init(store: any CustomerStore, options: MergeOptions = MergeOptions(), profile: MappingProfile = MappingProfile(),
                backup: String? = nil) {
        self.store = store
        self.options = options
        self.profile = profile
        self.backup = backup
    }

    /// The path a binding is stored under.
    public static func bindingPath(_ file: String) -> String {
        URL(fileURLWithPath: file).standardizedFileURL.path
    }

    /// Plans the sync of `file` without touching anything.
    public func plan(file: String) throws -> SyncPlan {
        let path = Self.bindingPath(file)
        return try store.read { r in try plan(file: file, path: path, reading: r).plan }
    }

    /// The plan made from the store as `r` sees it, with the bases it read (to write only what changes).
    private func plan(file: String, path: String, reading r: any StoreReading)
        throws -> (plan: SyncPlan, binding: FileBinding, customers: [Customer], bases: [RecordBase]) {
        guard let binding = try r.fileBinding(path: path) else { throw SyncError.notBound(file: file) }
        let profile = profile
        let workbook = BackgroundWork { try SheetSide.read(path: file, profile: profile) }
        let customers = try r.fetchCustomers()
        let bases = try r.recordBases(file: path)
        let sheet = try workbook.value()
        guard sheet.tables[.customers] != nil else { throw SyncError.customerSheetMissing(file: file) }
        let plan = SyncPlanner.plan(file: file, sheet: sheet, customers: customers, bases: bases,
                                    filter: ExportFilter(bindingKind: binding.kind), options: options)
        return (plan, binding, customers, bases)
    }

    /// Plans and, unless `dryRun`, applies. The store is read once, inside the write transaction that applies
    /// the plan, so nothing can change it in between. The workbook is saved inside that transaction, so a failed
    /// save rolls the store back; a crash between the save and the commit leaves a workbook that the next sync
    /// reconciles (its new values meet the old base and flow into the store). Only the bases that change are
    /// written.
    public func sync(file: String, dryRun: Bool = false) throws -> SyncOutcome {
        let before = FileFingerprint.of(file)
        if dryRun { return SyncOutcome(plan: try plan(file: file), applied: false) }
        let path = Self.bindingPath(file)
        let plan: SyncPlan = try store.write { tx in
            let (plan, bound, customers, bases) = try self.plan(file: file, path: path, reading: tx)
            TestHooks.reach("after-plan")
            guard FileFingerprint.of(file) == before else { throw SyncError.changedOnDisk(file: file) }
            var binding = bound
            let filter = ExportFilter(bindingKind: binding.kind)
            let result = StoreApplier.apply(plan, to: customers, filter: filter)
            for id in result.deleted { try tx.deleteCustomer(CustomerID(id)) }
            for c in result.changed { try tx.upsertCustomer(c) }
            let now = LocalDateTime.current
            binding.syncedAt = now
            try tx.setFileBinding(binding)
            let changes = BaseChanges.between(old: bases, new: result, file: path, at: now)
            for d in changes.deletions { try tx.deleteRecordBase(file: path, sheet: d.sheet, record: d.record) }
            for base in changes.upserts { try tx.setRecordBase(base) }
            if !plan.changesNothing || !result.sheetEdits.isEmpty {
                try SheetApplier.apply(plan, file: file, backup: backup, expected: before)
            }
            TestHooks.reach("after-save")
            binding.fingerprint = FileFingerprint.of(file)
            try tx.setFileBinding(binding)
            return plan
        }
        return SyncOutcome(plan: plan, applied: true)
    }
}

/// A cheap identity of a file's bytes on disk: size and modification time.
public enum FileFingerprint {
    public static func of(_ path: String) -> String? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (a[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size):\(mtime)"
    }
}

extension LocalDateTime {
    /// The current local wall-clock time.
    static var current: LocalDateTime {
        let c = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        let date = LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
        return LocalDateTime(date: date, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }
}
