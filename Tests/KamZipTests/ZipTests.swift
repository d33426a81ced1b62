import Foundation
import KamTestSupport
import Testing
@testable import KamZip

@Suite struct ZipTests {
    @Test("an archive written with stored and deflated entries reads back")
    func roundTrip() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.zip")
        let w = try ZipWriter(path: path)
        try w.add("mimetype", bytes: Array("application/x".utf8), compress: false)
        try w.add("Dir/Part.xml", bytes: Array(repeating: UInt8(ascii: "x"), count: 10_000))
        try w.commit()
        let a = try ZipArchive(path: path)
        #expect(a.entries.map(\.name) == ["mimetype", "Dir/Part.xml"])
        #expect(a.entries[0].isStored)
        let e = try #require(a.entry("dir\\part.XML"))
        #expect(try a.read(e).count == 10_000)
    }

    @Test("empty entries, stored and deflated, are written and read back empty")
    func emptyEntries() throws {
        // The empty-buffer path of add(_:bytes:) (no malloc'd byte for libzip to leak; LeakSanitizer found it).
        let dir = TemporaryDirectory()
        let path = dir.file("empty.zip")
        let w = try ZipWriter(path: path)
        try w.add("stored", bytes: [], compress: false)
        try w.add("deflated.xml", bytes: [])
        try w.add("after", bytes: [1, 2, 3])
        try w.commit()
        let a = try ZipArchive(path: path)
        #expect(a.entries.map(\.name) == ["stored", "deflated.xml", "after"])
        #expect(try a.read(try #require(a.entry("stored"))).isEmpty)
        #expect(try a.read(try #require(a.entry("deflated.xml"))).isEmpty)
        #expect(try a.read(try #require(a.entry("after"))) == [1, 2, 3])
    }

    @Test("reading without re-checking the CRC (zlib inflating raw deflate) gives the same bytes, stored or deflated")
    func uncheckedRead() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("u.zip")
        var text: [UInt8] = []
        var seed: UInt32 = 7
        for i in 0..<60_000 {
            seed = seed &* 1_103_515_245 &+ 12_345
            text += Array("<c r=\"\(i)\">\(seed % 1000)</c>".utf8)
        }
        let w = try ZipWriter(path: path)
        try w.add("stored.xml", bytes: Array(text.prefix(5000)), compress: false)
        try w.add("content.xml", bytes: text)
        try w.commit()
        let a = try ZipArchive(path: path)
        for e in a.entries {
            let r = try a.open(e, verifyChecksum: false)
            var out: [UInt8] = []
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 1)
            defer { chunk.deallocate() }
            while true {
                let n = try r.read(into: chunk)
                if n == 0 { break }
                out += chunk[0..<n]
            }
            #expect(out == (e.isStored ? Array(text.prefix(5000)) : text))
            #expect(r.bytesRead == out.count)
        }
    }

    /// An archive of one entry of 40 MiB of blanks, deflated past the default ratio limit.
    static func bomb(in dir: TemporaryDirectory) throws -> ZipArchive {
        let w = try ZipWriter(path: dir.file("bomb.zip"))
        w.compressionLevel = 9
        try w.add("big.xml", bytes: [UInt8](repeating: 0x20, count: 40 << 20))
        try w.commit()
        return try ZipArchive(path: dir.file("bomb.zip"))
    }

    @Test("the inflated-size limits hold when the CRC is not re-checked")
    func uncheckedBomb() throws {
        let dir = TemporaryDirectory()
        let a = try Self.bomb(in: dir)
        let r = try a.open(a.entries[0], verifyChecksum: false)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        do {
            while try r.read(into: chunk) > 0 {}
            Issue.record("expected limit-exceeded")
        } catch {
            #expect(error.code == "limit-exceeded")
        }
    }

    @Test("a raw copy keeps the same compressed bytes")
    func rawCopy() throws {
        let dir = TemporaryDirectory()
        let w = try ZipWriter(path: dir.file("src.zip"))
        w.compressionLevel = 9
        try w.add("p.xml", bytes: Array((0..<50_000).map { UInt8($0 % 7) }))
        try w.commit()
        let src = try ZipArchive(path: dir.file("src.zip"))
        let w2 = try ZipWriter(path: dir.file("dst.zip"))
        w2.compressionLevel = 1
        try w2.copy(src.entries[0], from: src)
        try w2.commit()
        let dst = try ZipArchive(path: dir.file("dst.zip"))
        #expect(dst.entries[0].compressedSize == src.entries[0].compressedSize)
        #expect(try dst.read(dst.entries[0]) == src.read(src.entries[0]))
    }

    @Test("an entry inflating past the ratio limit stops with limit-exceeded")
    func bomb() throws {
        let dir = TemporaryDirectory()
        let a = try Self.bomb(in: dir)
        do {
            _ = try a.read(a.entries[0])
            Issue.record("expected limit-exceeded")
        } catch {
            #expect(error.code == "limit-exceeded")
        }
    }

    @Test("a file that is not a zip is reported as corrupt, not a crash")
    func notZip() throws {
        let dir = TemporaryDirectory()
        try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: dir.file("x.xlsx")))
        #expect(throws: ZipError.self) { _ = try ZipArchive(path: dir.file("x.xlsx")) }
    }

    @Test("an uncommitted writer leaves no file")
    func discard() throws {
        let dir = TemporaryDirectory()
        do {
            let w = try ZipWriter(path: dir.file("n.zip"))
            try w.add("a", bytes: [1, 2, 3])
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("n.zip")))
    }
}
