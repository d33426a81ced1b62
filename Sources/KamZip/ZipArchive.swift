internal import CLibZip
import Foundation

/// One entry of a zip archive, as its central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's index in the archive.
    public var index: Int
    /// The name exactly as stored.
    public var name: String
    /// The name as kam looks it up: backslashes as slashes, no leading slash.
    public var path: String
    /// The declared inflated size (informative only: reads count real bytes).
    public var declaredSize: Int
    /// The declared compressed size.
    public var compressedSize: Int
    /// Whether the entry's data is stored without compression.
    public var isStored: Bool
    /// The CRC-32 of the inflated data, as the central directory records it.
    public var crc32: UInt32
    /// Whether the entry is a folder.
    public var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
}

/// A zip archive opened for reading: its entries, looked up case-insensitively, and bounded reads.
///
/// Owns one libzip `zip_t`, freed in `deinit` (zip_discard: "closes archive and frees the memory
/// allocated for it. Any changes to the archive are not written to disk and discarded.").
public final class ZipArchive {
    let handle: OpaquePointer
    /// The archive's path, as given.
    public let path: String
    /// The limits every read from this archive is held to.
    public let limits: ZipLimits
    /// Every entry, in central-directory order.
    public let entries: [ZipEntry]
    private let lookup: [String: Int]
    private var totalRead = 0
    /// The most bytes inflated from each entry (re-reading an entry does not count twice) and their sum: with the
    /// archive's size on disk, the ratio of the whole archive (see `account`).
    private var inflatedByEntry: [Int: Int] = [:]
    private var distinctInflated = 0
    private let fileBytes: Int

    /// Opens an archive for reading.
    /// - Throws: `ZipError` with `.cannotOpen`, `.corrupt` or `.limitExceeded(entries)`.
    public init(path: String, limits: ZipLimits = .default) throws(ZipError) {
        self.path = path
        self.limits = limits
        var code: Int32 = 0
        // ZIP_CHECKCONS: "Perform additional stricter consistency checks on the archive, and error if they fail."
        // Some writers (e.g. the .NET Open XML SDK) leave gaps between entries, which the strict check rejects
        // although every entry reads and passes its CRC; such archives are reopened without the check.
        var opened = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code)
        if opened == nil && code == ZIP_ER_INCONS {
            opened = zip_open(path, ZIP_RDONLY, &code)
        }
        guard let za = opened else {
            var err = zip_error_t()
            zip_error_init_with_code(&err, code)
            let message = String(cString: zip_error_strerror(&err))
            zip_error_fini(&err)
            switch code {
            case ZIP_ER_NOENT, ZIP_ER_OPEN, ZIP_ER_READ:
                throw ZipError(.cannotOpen(message), archive: path)
            default:
                throw ZipError(.corrupt(message), archive: path)
            }
        }
        handle = za
        var st = stat()
        fileBytes = stat(path, &st) == 0 ? Int(st.st_size) : 0
        let count = Int(zip_get_num_entries(za, 0))
        guard count <= limits.maxEntries else {
            zip_discard(za)
            throw ZipError(.limitExceeded(limit: "entries", maximum: limits.maxEntries, actual: count), archive: path)
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var lookup: [String: Int] = [:]
        for i in 0..<count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(za, zip_uint64_t(i), ZIP_FL_ENC_GUESS, &st) == 0, let cname = st.name else { continue }
            let name = String(cString: cname)
            let path = ZipArchive.normalize(name)
            let entry = ZipEntry(
                index: i, name: name, path: path,
                declaredSize: Int(clamping: st.size), compressedSize: Int(clamping: st.comp_size),
                isStored: st.comp_method == ZIP_CM_STORE, crc32: st.crc)
            entries.append(entry)
            // The first of duplicate names wins, as in most readers; duplicates are reported by `duplicateNames`.
            let key = path.lowercased()
            if lookup[key] == nil { lookup[key] = entries.count - 1 }
        }
        self.entries = entries
        self.lookup = lookup
    }

    deinit {
        // Read-only archive: nothing to write, so discard rather than close.
        zip_discard(handle)
    }

    /// The lookup form of an entry name: backslashes become slashes and leading slashes are dropped.
    public static func normalize(_ name: String) -> String {
        var s = name.replacingOccurrences(of: "\\", with: "/")
        while s.hasPrefix("/") { s.removeFirst() }
        return s
    }

    /// The entry at a path, matched case-insensitively and with either slash.
    public func entry(_ path: String) -> ZipEntry? {
        lookup[ZipArchive.normalize(path).lowercased()].map { entries[$0] }
    }

    /// Names that occur more than once (case-insensitively): a sign of a crafted archive.
    public var duplicateNames: [String] {
        var seen = Set<String>(), dups: [String] = []
        for e in entries where !seen.insert(e.path.lowercased()).inserted { dups.append(e.name) }
        return dups
    }

    /// Reads a whole entry into memory, within the limits.
    /// - Throws: `ZipError` (`.damagedEntry`, `.unsupported`, `.limitExceeded`).
    public func read(_ entry: ZipEntry, maxBytes: Int? = nil) throws(ZipError) -> [UInt8] {
        let reader = try open(entry)
        var out: [UInt8] = []
        out.reserveCapacity(min(entry.declaredSize, 1 << 26))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try reader.read(into: chunk)
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if let maxBytes, out.count > maxBytes {
                throw ZipError(.limitExceeded(limit: "part-bytes", maximum: maxBytes, actual: out.count),
                               archive: path, entry: entry.name)
            }
        }
        return out
    }

    /// Opens an entry for streaming reads.
    ///
    /// `verifyChecksum: false` is for a second read of an entry that an earlier read of this archive already
    /// inflated to its end (and so checked against its CRC-32): the deflate stream is inflated here with zlib
    /// and the checksum, which costs as much as inflating, is not computed again. Stored and encrypted
    /// entries are always read through libzip, checksum included.
    /// - Throws: `ZipError` (`.damagedEntry`, `.unsupported`).
    public func open(_ entry: ZipEntry, verifyChecksum: Bool = true) throws(ZipError) -> ZipEntryReader {
        if !verifyChecksum {
            var st = zip_stat_t()
            zip_stat_init(&st)
            if zip_stat_index(handle, zip_uint64_t(entry.index), 0, &st) == 0,
               st.valid & zip_uint64_t(ZIP_STAT_COMP_METHOD) != 0, st.comp_method == ZIP_CM_DEFLATE,
               st.valid & zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD) != 0, st.encryption_method == ZIP_EM_NONE,
               let f = zip_fopen_index(handle, zip_uint64_t(entry.index), zip_flags_t(ZIP_FL_COMPRESSED)) {
                guard let reader = ZipEntryReader(archive: self, rawDeflate: f, entry: entry) else {
                    zip_fclose(f)
                    throw ZipError(.damagedEntry("cannot start inflating"), archive: path, entry: entry.name)
                }
                return reader
            }
        }
        guard let f = zip_fopen_index(handle, zip_uint64_t(entry.index), 0) else {
            let message = String(cString: zip_strerror(handle))
            let code = zip_error_code_zip(zip_get_error(handle))
            if code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_NOPASSWD {
                throw ZipError(.unsupported(message), archive: path, entry: entry.name)
            }
            throw ZipError(.damagedEntry(message), archive: path, entry: entry.name)
        }
        return ZipEntryReader(archive: self, file: f, entry: entry)
    }

    func account(_ n: Int, entry: ZipEntry, entryTotal: Int) throws(ZipError) {
        totalRead += n
        if entryTotal > limits.maxEntryBytes {
            throw ZipError(.limitExceeded(limit: "entry-bytes", maximum: limits.maxEntryBytes, actual: entryTotal),
                           archive: path, entry: entry.name)
        }
        if totalRead > limits.maxTotalBytes {
            throw ZipError(.limitExceeded(limit: "archive-bytes", maximum: limits.maxTotalBytes, actual: totalRead),
                           archive: path, entry: entry.name)
        }
        // The whole archive's ratio, on the archive's real size: entries that overlap (all pointing at the same
        // compressed bytes) each pass the per-entry check but together inflate gigabytes from kilobytes.
        let before = inflatedByEntry[entry.index] ?? 0
        if entryTotal > before {
            inflatedByEntry[entry.index] = entryTotal
            distinctInflated += entryTotal - before
            if distinctInflated > 2 * limits.ratioGraceBytes && fileBytes > 0 {
                let ratio = distinctInflated / fileBytes
                if ratio > limits.maxRatio {
                    throw ZipError(.limitExceeded(limit: "archive-compression-ratio", maximum: limits.maxRatio,
                                                  actual: ratio), archive: path, entry: entry.name)
                }
            }
        }
        if entryTotal > limits.ratioGraceBytes {
            let ratio = entryTotal / max(entry.compressedSize, 1)
            if ratio > limits.maxRatio {
                throw ZipError(.limitExceeded(limit: "compression-ratio", maximum: limits.maxRatio, actual: ratio),
                               archive: path, entry: entry.name)
            }
        }
    }
}

@available(*, unavailable)
extension ZipArchive: Sendable {}

/// A streaming reader of one entry's inflated bytes, counting what it inflates against the archive's limits.
///
/// Owns one `zip_file_t`, closed in `deinit`; keeps its archive alive. Either libzip inflates (and checks the
/// CRC-32 at the end), or — for `open(_:verifyChecksum: false)` — libzip hands over the compressed bytes and
/// zlib inflates them here (the `z_stream` and its input buffer are owned too, freed in `deinit`).
public final class ZipEntryReader {
    private let archive: ZipArchive
    private let file: OpaquePointer
    /// The entry being read.
    public let entry: ZipEntry
    /// Bytes inflated so far.
    public private(set) var bytesRead = 0
    private var stream: UnsafeMutablePointer<z_stream>?
    private var input: UnsafeMutablePointer<UInt8>?
    private static let inputCapacity = 1 << 16
    private var inputEOF = false
    private var streamEnded = false

    init(archive: ZipArchive, file: OpaquePointer, entry: ZipEntry) {
        self.archive = archive
        self.file = file
        self.entry = entry
    }

    /// A reader inflating the raw deflate data of `file` (opened with ZIP_FL_COMPRESSED); nil when zlib
    /// cannot start.
    init?(archive: ZipArchive, rawDeflate file: OpaquePointer, entry: ZipEntry) {
        self.archive = archive
        self.file = file
        self.entry = entry
        let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        s.initialize(to: z_stream())
        // inflateInit2 with negative window bits: raw deflate, no zlib header (as zip stores it).
        guard kam_inflate_init_raw(s) == Z_OK else {
            s.deallocate()
            return nil
        }
        stream = s
        input = .allocate(capacity: Self.inputCapacity)
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        input?.deallocate()
        // zip_fclose: "closes file and frees the memory allocated for it."
        zip_fclose(file)
    }

    /// Inflates up to `buffer.count` bytes into `buffer`; returns how many, 0 at the end.
    /// - Throws: `ZipError` (`.damagedEntry` on a bad checksum or stream, `.limitExceeded`).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ZipError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n: Int
        if let stream, let input {
            n = try inflate(stream, input, into: base.assumingMemoryBound(to: UInt8.self), count: buffer.count)
        } else {
            let got = zip_fread(file, base, zip_uint64_t(buffer.count))
            if got < 0 {
                let message = String(cString: zip_file_strerror(file))
                throw ZipError(.damagedEntry(message), archive: archive.path, entry: entry.name)
            }
            n = Int(got)
        }
        bytesRead += n
        try archive.account(n, entry: entry, entryTotal: bytesRead)
        return n
    }

    private func inflate(_ s: UnsafeMutablePointer<z_stream>, _ input: UnsafeMutablePointer<UInt8>,
                         into out: UnsafeMutablePointer<UInt8>, count: Int) throws(ZipError) -> Int {
        if streamEnded { return 0 }
        s.pointee.next_out = out
        s.pointee.avail_out = uInt(min(count, Int(UInt32.max)))
        while true {
            if s.pointee.avail_in == 0 && !inputEOF {
                let got = zip_fread(file, input, zip_uint64_t(Self.inputCapacity))
                if got < 0 {
                    let message = String(cString: zip_file_strerror(file))
                    throw ZipError(.damagedEntry(message), archive: archive.path, entry: entry.name)
                }
                if got == 0 { inputEOF = true }
                s.pointee.next_in = input
                s.pointee.avail_in = uInt(got)
            }
            let ret = CLibZip.inflate(s, Z_NO_FLUSH)
            let produced = count - Int(s.pointee.avail_out)
            if ret == Z_STREAM_END {
                streamEnded = true
                return produced
            }
            if ret != Z_OK && ret != Z_BUF_ERROR {
                let message = s.pointee.msg.map { String(cString: $0) } ?? "zlib error \(ret)"
                throw ZipError(.damagedEntry("inflate: " + message), archive: archive.path, entry: entry.name)
            }
            if produced > 0 { return produced }
            if inputEOF && s.pointee.avail_in == 0 {
                throw ZipError(.damagedEntry("compressed data ends early"), archive: archive.path, entry: entry.name)
            }
        }
    }
}

@available(*, unavailable)
extension ZipEntryReader: Sendable {}
