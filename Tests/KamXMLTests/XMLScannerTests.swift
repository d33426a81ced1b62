import Testing
@testable import KamXML

/// Collects a compact trace of the tokens of `xml`, reading `chunk` bytes at a time.
private func trace(_ xml: String, chunk: Int = 1 << 16) throws -> [String] {
    let bytes = Array(xml.utf8)
    var offset = 0
    let s = XMLScanner { buf in
        let n = min(chunk, buf.count, bytes.count - offset)
        for i in 0..<n { buf[i] = bytes[offset + i] }
        offset += n
        return n
    }
    var out: [String] = []
    while true {
        try s.next()
        switch s.kind {
        case .end: return out
        case .startElement:
            var t = "<" + s.qualifiedNameString
            for i in 0..<s.attributeCount { t += " \(s.attributeQualifiedName(i))=\(try s.attributeValue(i))" }
            out.append(t + ">")
        case .endElement: out.append("</" + s.qualifiedNameString + ">")
        case .text, .cdata: out.append("'" + (try s.text()) + "'")
        case .comment: out.append("#comment")
        case .processingInstruction: out.append("?pi")
        }
    }
}

@Suite struct XMLScannerTests {
    @Test("tokens, attributes, entities and self-closing elements")
    func basics() throws {
        let t = try trace(#"<?xml version="1.0"?><a x="1&amp;2" y='&#x41;'><b/>t&lt;&#20013;<c>q</c></a>"#)
        #expect(t == ["?pi", "<a x=1&2 y=A>", "<b>", "</b>", "'t<中'", "<c>", "'q'", "</c>", "</a>"])
    }

    @Test("the same tokens when the input arrives one byte at a time")
    func chunked() throws {
        let xml = #"<x:row r="1"><x:c r="A1" t="s"><x:v>12</x:v></x:c><!-- c --><![CDATA[a<b]]></x:row>"#
        #expect(try trace(xml, chunk: 1) == trace(xml))
        #expect(try trace(xml, chunk: 1).contains("'a<b'"))
    }

    @Test("malformed start tags are refused whatever the window", arguments: [1, 2, 5, 1 << 16])
    func malformedTags(chunk: Int) {
        for xml in [#"<a b="1"c="2"/>"#, #"<a b=1/>"#, #"<a b/>"#, #"<a <b/>"#, #"<a b="1" / >"#, #"<a"b="1"/>"#,
                    #"<a b="1></a>"#, "<a b='1' c=\"2'/>", "< a/>"] {
            #expect(throws: XMLError.self, "\(xml)") { _ = try trace(xml, chunk: chunk) }
        }
    }

    @Test("attributes and long names survive a window split anywhere", arguments: [1, 2, 3, 7])
    func splitTags(chunk: Int) throws {
        let name = String(repeating: "n", count: 40)
        let xml = #"<p:\#(name) a:x = "1&gt;" y='"v"' z="it's"><q/><p:r  t="s" /></p:\#(name)>"#
        #expect(try trace(xml, chunk: chunk) == trace(xml))
        #expect(try trace(xml) == ["<p:\(name) a:x=1> y=\"v\" z=it's>", "<q>", "</q>", "<p:r t=s>", "</p:r>", "</p:\(name)>"])
    }

    @Test("repeated start tags (served from the scanner's tag cache) keep their own positions and values",
          arguments: [1, 3, 1 << 16])
    func repeatedTags(chunk: Int) throws {
        let cell = #"<t:c o:type="string" k:type="string">"#
        let row = cell + "<p>a</p></t:c>" + #"<t:c o:type="float" o:value="1&amp;2" k:type="float"/>"#
        let xml = "<r>" + String(repeating: row, count: 20) + #"<t:c o:type="string" k:type="string"/></r>"#
        let t = try trace(xml, chunk: chunk)
        let one = ["<t:c o:type=string k:type=string>", "<p>", "'a'", "</p>", "</t:c>",
                   "<t:c o:type=float o:value=1&2 k:type=float>", "</t:c>"]
        #expect(t == ["<r>"] + Array([[String]](repeating: one, count: 20).joined())
                + ["<t:c o:type=string k:type=string>", "</t:c>", "</r>"])
        // A tag that starts like a cached one but is malformed is still refused.
        let bad = "<r>" + cell + "</t:c>" + #"<t:c o:type="string" k:type="string"x>"# + "</t:c></r>"
        #expect(throws: XMLError.self) { _ = try trace(bad, chunk: chunk) }
        let unquoted = "<r>" + cell + "</t:c>" + #"<t:c o:type="string" k:type=string>"# + "</t:c></r>"
        #expect(throws: XMLError.self) { _ = try trace(unquoted, chunk: chunk) }
    }

    @Test("UTF-8 validation: overlongs, surrogates, truncated sequences and past U+10FFFF are refused")
    func utf8() {
        func ok(_ b: [UInt8]) -> Bool { b.withUnsafeBytes { UTF8Text.isValid($0) } }
        #expect(ok(Array("plain ascii text, longer than eight bytes".utf8)))
        #expect(ok(Array("客户名称 é 😀 mixed with ascii".utf8)))
        #expect(!ok([0xC0, 0x80]))
        #expect(!ok([0xE0, 0x80, 0x80]))
        #expect(!ok([0xED, 0xA0, 0x80]))
        #expect(!ok([0xF4, 0x90, 0x80, 0x80]))
        #expect(!ok(Array("abcdefgh".utf8) + [0xE4, 0xB8]))
        #expect(!ok([0x41, 0x80, 0x41]))
        #expect(UTF8Text.string(Array("客户".utf8)) == "客户")
    }

    @Test("a DOCTYPE is refused")
    func doctype() {
        #expect(throws: XMLError.self) {
            _ = try trace(#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>"#)
        }
    }

    @Test("an entity other than the predefined five is refused")
    func unknownEntity() throws {
        do {
            _ = try trace("<a>&lol;</a>")
            Issue.record("expected an error")
        } catch let e as XMLError {
            guard case .forbidden = e.reason else { Issue.record("wrong reason \(e)"); return }
        }
    }

    @Test("a mismatched end tag is malformed, with its line")
    func mismatched() throws {
        do {
            _ = try trace("<a>\n<b></a>")
            Issue.record("expected an error")
        } catch let e as XMLError {
            guard case .malformed = e.reason else { Issue.record("wrong reason \(e)"); return }
            #expect(e.line == 2)
        }
    }

    @Test("unclosed input is malformed")
    func truncated() {
        #expect(throws: XMLError.self) { _ = try trace("<a><b>text") }
    }

    @Test("nesting deeper than the limit stops early")
    func depth() {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: XMLError.self) { _ = try trace(xml) }
    }

    @Test("a token longer than the limit stops reading")
    func tokenLimit() {
        let bytes = Array(("<a>" + String(repeating: "x", count: 1 << 20) + "</a>").utf8)
        let s = XMLScanner(bytes: bytes, maxTokenBytes: 1 << 19)
        #expect(throws: XMLError.self) {
            while true { try s.next(); if s.kind == .end { break } }
        }
    }

    @Test("UTF-16 input is refused")
    func utf16() {
        let s = XMLScanner(bytes: [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00])
        #expect(throws: XMLError.self) { try s.next() }
    }

    @Test("invalid UTF-8 in text is an error, not a replacement character")
    func invalidUTF8() throws {
        let s = XMLScanner(bytes: Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8))
        try s.next()
        try s.next()
        #expect(throws: XMLError.self) { _ = try s.text() }
    }
}

@Suite struct XMLDocumentParserTests {
    @Test("parses elements, namespaces and text")
    func parse() throws {
        let xml = #"<r:a xmlns:r="urn:x" k="v"><b>1</b><b>2</b></r:a>"#
        let root = try XMLDocumentParser.parse(Array(xml.utf8))
        #expect(root.name == "a")
        #expect(root.namespace == "urn:x")
        #expect(root.attribute("k") == "v")
        #expect(root.children("b").map(\.text) == ["1", "2"])
    }

    @Test("a DOCTYPE with an external entity is refused, never fetched")
    func xxe() {
        let xml = #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#
        #expect(throws: XMLError.self) { _ = try XMLDocumentParser.parse(Array(xml.utf8)) }
    }

    @Test("malformed XML reports a line")
    func malformed() throws {
        do {
            _ = try XMLDocumentParser.parse(Array("<a>\n<b>\n</a>".utf8))
            Issue.record("expected an error")
        } catch let e {
            #expect(e.line >= 2)
        }
    }
}

@Suite struct XMLByteWriterTests {
    @Test("escapes markup characters and drops XML-illegal controls")
    func escaping() {
        var w = XMLByteWriter()
        w.text("a<b>&c\u{1}")
        w.attribute("v", "q\"\n")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"a&lt;b&gt;&amp;c v="q&quot;&#10;""#)
    }
}


@Suite struct XMLScannerRawTests {
    @Test("raw tokens rebuild the input exactly, trailing text included, whatever the window")
    func rawRoundTrip() throws {
        let xml = "<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>text<!-- c --></a>\n"
        for chunk in [1, 3, 7, 1 << 16] {
            let bytes = Array(xml.utf8)
            var offset = 0
            let s = XMLScanner { buf in
                let n = min(chunk, buf.count, bytes.count - offset)
                for i in 0..<n { buf[i] = bytes[offset + i] }
                offset += n
                return n
            }
            var out: [UInt8] = []
            while true {
                try s.next()
                if s.kind == .end { break }
                out += Array(s.rawToken)
            }
            #expect(out == bytes, "chunk \(chunk)")
        }
    }
}
