#!/usr/bin/env python3
"""Makes the hostile-input fixtures in Tests/Fixtures/hostile/ (each must make kam exit 2 with a one-line reason).

    python3 scripts/make_hostile.py

Every case is built here from scratch, deterministically; README.md in that folder lists them. expected.tsv
(written here) says, per case, the exit code kam gives and a word its one-line reason must hold (the part, or the
limit); a case kam handles within bounds instead of refusing is listed with exit 0.

The model-layer cases for `kam import` (valid workbooks with hostile values) go to Tests/Fixtures/hostile-import/.
"""
import os, struct, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'Tests', 'Fixtures', 'hostile')

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def put(z, name, data):
    """Writes an entry with a fixed date, so that the fixtures come out byte-identical on every run."""
    if isinstance(name, zipfile.ZipInfo):
        name.date_time = (1980, 1, 1, 0, 0, 0)
        z.writestr(name, data)
    else:
        z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=z.compression,
                   compresslevel=z.compresslevel)


def sheet(rows_xml):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>{rows_xml}</sheetData></worksheet>'


def xlsx(name, parts=None, sheet_xml=None, drop=(), extra=()):
    files = {'[Content_Types].xml': CT, '_rels/.rels': RELS, 'xl/workbook.xml': WB,
             'xl/_rels/workbook.xml.rels': WB_RELS,
             'xl/worksheets/sheet1.xml': sheet_xml or sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>')}
    files.update(parts or {})
    if 'xl/sharedStrings.xml' in files and 'sharedStrings' not in files['xl/_rels/workbook.xml.rels']:
        files['xl/_rels/workbook.xml.rels'] = files['xl/_rels/workbook.xml.rels'].replace(
            '</Relationships>', '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(os.path.join(OUT, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for k, v in files.items():
            if k in drop:
                continue
            put(z, k, v if isinstance(v, bytes) else v.encode('utf-8'))
        for k, v in extra:
            put(z, k, v)


def ods(name, content, mimetype='application/vnd.oasis.opendocument.spreadsheet'):
    with zipfile.ZipFile(os.path.join(OUT, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if mimetype:
            put(z, zipfile.ZipInfo('mimetype'), mimetype)
        put(z, 'META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        put(z, 'content.xml', content)


ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="S">')
ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>'


LAUGHS = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + ''.join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + ']>'


def cfb(stream_name):
    """A minimal OLE compound-file header followed by a directory entry naming one stream."""
    header = bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 16 + struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6)
    header += b'\0' * (512 - len(header))
    name = stream_name.encode('utf-16-le') + b'\0\0'
    entry = name + b'\0' * (64 - len(name)) + struct.pack('<H', len(name)) + b'\x02\x01' + b'\0' * 58
    return header + entry + b'\0' * (512 - len(entry))


# name -> (exit code, a word the reason names); cases not listed exit 2 and name the file only.
EXPECT = {}


def expect(name, code=2, word=''):
    EXPECT[name] = (code, word)


def raw_zip(name, entries, share_from=None):
    """A zip written byte by byte: entries are (name, data, method, crc override or None).

    zipfile refuses some of what a hostile archive holds (duplicate names silently, unknown methods), so these are
    laid out by hand: local header, data, then the central directory.
    """
    out, central = bytearray(), bytearray()
    shared, shared_len = None, 0
    for k, (ename, data, method, crc) in enumerate(entries):
        n = ename.encode('utf-8')
        comp = data
        if method == 8 and share_from is not None and k > share_from:
            comp = b''
        elif method == 8:
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            comp = co.compress(data) + co.flush()
            shared_len = len(comp)
        c = zlib.crc32(data) if crc is None else crc
        off = len(out)
        if share_from is not None and k > share_from:
            off = shared  # the same local header and data as the first shared entry
        else:
            if share_from is not None and k == share_from:
                shared = off
            out += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0x800, method, 0, 0x21, c, len(comp), len(data), len(n), 0) + n + comp
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 20, 20, 0x800, method, 0, 0x21, c, len(comp) or shared_len,
                               len(data), len(n), 0, 0, 0, 0, 0, off) + n
    cd_off = len(out)
    out += central + struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(entries), len(entries), len(central), cd_off, 0)
    open(os.path.join(OUT, name), 'wb').write(bytes(out))


def package_files(sheet_xml=None):
    return {'[Content_Types].xml': CT, '_rels/.rels': RELS, 'xl/workbook.xml': WB, 'xl/_rels/workbook.xml.rels': WB_RELS,
            'xl/worksheets/sheet1.xml': sheet_xml or sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>')}


def many_sheets_workbook(n):
    wb = WB.replace('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>',
                    ''.join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1)))
    rels = WB_RELS.replace('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
                           ''.join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1)))
    return wb, rels


def more_cases():
    """The cases added for issue 9 (the first 22 are above, in main)."""
    ok_sheet = sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>')
    # Zip: nested bomb (the sheet part is itself a zip of a bomb), total size across many parts each under the
    # per-entry ratio grace, path traversal and absolute names, duplicates, lying sizes, encryption, odd methods.
    inner = os.path.join(OUT, '_inner.zip')
    with zipfile.ZipFile(inner, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        put(z, 'bomb.xml', b'\0' * (64 << 20))
    inner_bytes = open(inner, 'rb').read()
    os.remove(inner)
    xlsx('nested-zip-bomb.xlsx', parts={'xl/worksheets/sheet1.xml': inner_bytes})
    expect('nested-zip-bomb.xlsx', 2, 'sheet1.xml')
    xlsx('embedded-zip-bomb.xlsx', extra=(('xl/embeddings/bomb.zip', inner_bytes),))
    expect('embedded-zip-bomb.xlsx', 0)
    n = 300
    wb, rels = many_sheets_workbook(n)
    # Every sheet entry points at the same compressed 15 MiB stream (overlapping entries): 20 KB on disk,
    # 4.4 GiB when all are read, each entry under the per-entry ratio grace.
    filler = sheet('<row r="1"><c r="A1"><v>1</v></c>' + '<x/>' * (15 << 18) + '</row>').encode()
    files = package_files()
    files.update({'xl/workbook.xml': wb, 'xl/_rels/workbook.xml.rels': rels})
    del files['xl/worksheets/sheet1.xml']
    raw_zip('total-size-bomb.xlsx', [(k, v.encode(), 8, None) for k, v in files.items()] +
            [(f'xl/worksheets/sheet{i}.xml', filler, 8, None) for i in range(1, n + 1)], share_from=len(files))
    expect('total-size-bomb.xlsx', 2, 'archive-compression-ratio')
    base = [(k, v.encode(), 8, None) for k, v in package_files().items() if k != 'xl/worksheets/sheet1.xml']
    raw_zip('entry-dotdot.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, None),
                                         ('../../../tmp/kam-evil.txt', b'pwned', 8, None)])
    expect('entry-dotdot.xlsx', 2, '../../../tmp/kam-evil.txt')
    raw_zip('entry-absolute.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, None),
                                           ('/etc/kam-evil.txt', b'pwned', 8, None)])
    expect('entry-absolute.xlsx', 2, '/etc/kam-evil.txt')
    raw_zip('entry-dotdot-sheet.xlsx', [(k, (v.replace('Target="worksheets/sheet1.xml"', 'Target="../../../../etc/passwd"') if k == 'xl/_rels/workbook.xml.rels' else v).encode(), 8, None)
                                        for k, v in package_files().items()])
    expect('entry-dotdot-sheet.xlsx', 2, 'passwd')
    raw_zip('duplicate-entries.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, None),
                                              ('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1"><v>666</v></c></row>').encode(), 8, None)])
    expect('duplicate-entries.xlsx', 2)  # libzip refuses the archive as a whole
    raw_zip('duplicate-entries-case.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, None),
                                                   ('XL/Worksheets/Sheet1.xml', ok_sheet.encode(), 8, None)])
    expect('duplicate-entries-case.xlsx', 2, 'Sheet1.xml')
    raw_zip('crc-mismatch.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, 0xDEADBEEF)])
    expect('crc-mismatch.xlsx', 2, 'sheet1.xml')
    raw_zip('unknown-compression.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 99, None)])
    expect('unknown-compression.xlsx', 2)
    # Declared sizes that lie: the central directory says 10 bytes; the stream inflates to 20 MB of spaces.
    big = sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + ' ' * (20 << 20)).encode()
    raw_zip('_lie.xlsx', base + [('xl/worksheets/sheet1.xml', big, 8, None)])
    lie = bytearray(open(os.path.join(OUT, '_lie.xlsx'), 'rb').read())
    os.remove(os.path.join(OUT, '_lie.xlsx'))
    for sig in (b'PK\x03\x04', b'PK\x01\x02'):
        at = 0
        while True:
            at = lie.find(sig, at)
            if at < 0:
                break
            field = at + (22 if sig == b'PK\x03\x04' else 24)
            if struct.unpack_from('<I', lie, field)[0] == len(big):
                struct.pack_into('<I', lie, field, 10)
            at += 4
    open(os.path.join(OUT, 'declared-size-lie.xlsx'), 'wb').write(bytes(lie))
    expect('declared-size-lie.xlsx', 2, 'sheet1.xml')
    # Traditional PKWARE encryption flag set on the sheet.
    raw_zip('_enc.xlsx', base + [('xl/worksheets/sheet1.xml', ok_sheet.encode(), 8, None)])
    enc = bytearray(open(os.path.join(OUT, '_enc.xlsx'), 'rb').read())
    os.remove(os.path.join(OUT, '_enc.xlsx'))
    for sig, flag_at in ((b'PK\x03\x04', 6), (b'PK\x01\x02', 8)):
        at = 0
        while (at := enc.find(sig, at)) >= 0:
            struct.pack_into('<H', enc, at + flag_at, 0x801)
            at += 4
    open(os.path.join(OUT, 'encrypted-entries.xlsx'), 'wb').write(bytes(enc))
    expect('encrypted-entries.xlsx', 2)
    # XML: external entities by file, by network and through an external DTD; quadratic blowup; DOCTYPE elsewhere.
    xlsx('xxe-network-entity.xlsx', sheet_xml=f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "http://127.0.0.1:9/kam">]><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')
    expect('xxe-network-entity.xlsx', 2, 'sheet1.xml')
    xlsx('xxe-file-entity-sheet.xlsx', sheet_xml=f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')
    expect('xxe-file-entity-sheet.xlsx', 2, 'sheet1.xml')
    xlsx('xxe-external-dtd.xlsx', parts={'[Content_Types].xml': CT.replace('<Types', '<!DOCTYPE Types SYSTEM "http://127.0.0.1:9/kam.dtd"><Types')})
    expect('xxe-external-dtd.xlsx', 2, 'Content_Types')
    xlsx('xxe-parameter-entity.xlsx', parts={'xl/_rels/workbook.xml.rels': WB_RELS.replace('<Relationships', '<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><Relationships')})
    expect('xxe-parameter-entity.xlsx', 2, 'workbook.xml.rels')
    blow = 'x' * 50000
    xlsx('quadratic-blowup.xlsx', sheet_xml=f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "{blow}">]><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + '&a;' * 50000 + '</t></is></c></row></sheetData></worksheet>')
    expect('quadratic-blowup.xlsx', 2, 'sheet1.xml')
    xlsx('billion-laughs-shared-strings.xlsx', parts={'xl/sharedStrings.xml': '<?xml version="1.0"?>' + LAUGHS + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'},
         sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
    expect('billion-laughs-shared-strings.xlsx', 2, 'sharedStrings')
    # Size: a 100 MB text node (refused by ratio, ~100 KB on disk), a 2 MiB one under the ratio grace (refused by
    # the string limit), 50 million shared strings, 3 million empty ones under the grace (handled), a count that lies.
    xlsx('text-node-100mb.xlsx', sheet_xml=sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>' + 'A' * (100 << 20) + '</t></is></c></row>'))
    expect('text-node-100mb.xlsx', 2, 'sheet1.xml')
    xlsx('text-node-2mb.xlsx', sheet_xml=sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>' + 'A' * (2 << 20) + '</t></is></c></row>'))
    expect('text-node-2mb.xlsx', 2, 'sheet1.xml')
    xlsx('shared-strings-millions.xlsx', parts={'xl/sharedStrings.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + '<si><t>x</t></si>' * 5_000_000 + '</sst>'},
         sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>4999999</v></c></row>'))
    expect('shared-strings-millions.xlsx', 2, 'sharedStrings')
    xlsx('shared-strings-3m-empty.xlsx', parts={'xl/sharedStrings.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + '<si/>' * 3_000_000 + '</sst>'},
         sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>2999999</v></c></row>'))
    expect('shared-strings-3m-empty.xlsx', 0)
    xlsx('shared-strings-count-lie.xlsx', parts={'xl/sharedStrings.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="999999999999999" uniqueCount="999999999999999"><si><t>a</t></si></sst>'},
         sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'))
    expect('shared-strings-count-lie.xlsx', 0)
    xlsx('shared-string-index-out-of-range.xlsx', parts={'xl/sharedStrings.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>'},
         sheet_xml=sheet('<row r="1"><c r="A1" t="s"><v>99999999999999999999</v></c></row>'))
    expect('shared-string-index-out-of-range.xlsx', 2, 'sheet1.xml')
    # References: integer overflow in a row number, negative and zero rows, a dimension claiming the whole grid.
    xlsx('row-number-overflow.xlsx', sheet_xml=sheet('<row r="99999999999999999999999"><c r="A99999999999999999999999"><v>1</v></c></row>'))
    expect('row-number-overflow.xlsx', 2, 'sheet1.xml')
    xlsx('column-letters-overflow.xlsx', sheet_xml=sheet('<row r="1"><c r="' + 'Z' * 40 + '1"><v>1</v></c></row>'))
    expect('column-letters-overflow.xlsx', 2, 'sheet1.xml')
    xlsx('row-zero.xlsx', sheet_xml=sheet('<row r="0"><c r="A0"><v>1</v></c></row>'))
    expect('row-zero.xlsx', 2, 'sheet1.xml')
    xlsx('dimension-whole-grid.xlsx', sheet_xml=f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>')
    expect('dimension-whole-grid.xlsx', 0)
    xlsx('merge-whole-grid.xlsx', sheet_xml=f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>')
    expect('merge-whole-grid.xlsx', 0)
    xlsx('date-serial-absurd.xlsx', parts={'xl/styles.xml': '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
                                           '[Content_Types].xml': CT.replace('</Types>', '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
                                           'xl/_rels/workbook.xml.rels': WB_RELS.replace('</Relationships>', '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')},
         sheet_xml=sheet('<row r="1"><c r="A1" s="1"><v>1e308</v></c><c r="B1" s="1"><v>-1e308</v></c><c r="C1" s="1"><v>NaN</v></c><c r="D1" s="99999"><v>1</v></c><c r="E1" s="1"><v>2958466</v></c></row>'))
    expect('date-serial-absurd.xlsx', 0)
    xlsx('many-sheets.xlsx', parts=dict(zip(('xl/workbook.xml', 'xl/_rels/workbook.xml.rels'), many_sheets_workbook(10_001))))
    expect('many-sheets.xlsx', 2, 'workbook.xml')
    # Encodings: UTF-16 with a lone surrogate, UTF-16 without a BOM, NUL bytes, an encoding declaration that lies.
    xlsx('invalid-utf16.xlsx', parts={'xl/worksheets/sheet1.xml': b'\xff\xfe' + sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>').encode('utf-16-le').replace('X'.encode('utf-16-le'), b'\x00\xd8')})
    expect('invalid-utf16.xlsx', 2, 'sheet1.xml')
    xlsx('utf16-no-bom.xlsx', parts={'xl/workbook.xml': WB.encode('utf-16-be')})
    expect('utf16-no-bom.xlsx', 2, 'workbook.xml')
    xlsx('nul-bytes.xlsx', parts={'xl/worksheets/sheet1.xml': sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>').encode().replace(b'X', b'a\x00b')})
    expect('nul-bytes.xlsx', 0)  # kept as text: XML forbids NUL, but it harms nothing
    xlsx('encoding-declared-ebcdic.xlsx', parts={'xl/workbook.xml': WB.replace('encoding="UTF-8"', 'encoding="EBCDIC-US"')})
    expect('encoding-declared-ebcdic.xlsx', 0)  # the declaration is ignored: parts are read as UTF-8
    # Containers.
    flipped = bytearray(open(os.path.join(OUT, 'cell-past-xfd.xlsx'), 'rb').read())
    cd = flipped.rfind(b'PK\x01\x02')
    for i in range(cd + 10, min(cd + 46, len(flipped)), 3):
        flipped[i] ^= 0xFF
    open(os.path.join(OUT, 'bit-flipped-central-directory.xlsx'), 'wb').write(bytes(flipped))
    expect('bit-flipped-central-directory.xlsx', 2)
    good = open(os.path.join(OUT, 'row-past-1048576.xlsx'), 'rb').read()
    open(os.path.join(OUT, 'zip-header-only.xlsx'), 'wb').write(good[:30])
    open(os.path.join(OUT, 'random-bytes.xlsx'), 'wb').write(bytes((i * 7919 + 13) % 251 for i in range(4096)))
    os.makedirs(os.path.join(OUT, 'directory.xlsx'), exist_ok=True)
    open(os.path.join(OUT, 'directory.xlsx', 'README'), 'w').write('a folder named like a workbook\n')
    # ODS.
    ods('ods-doctype.ods', ODS_HEAD.replace('<office:document-content', '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><office:document-content', 1)
        + '<table:table-row><table:table-cell office:value-type="string"><text:p>&x;</text:p></table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-doctype.ods', 2, 'content.xml')
    ods('ods-billion-laughs.ods', '<?xml version="1.0"?>' + LAUGHS + ODS_HEAD[len('<?xml version="1.0" encoding="UTF-8"?>'):]
        + '<table:table-row><table:table-cell office:value-type="string"><text:p>&lol9;</text:p></table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-billion-laughs.ods', 2, 'content.xml')
    ods('ods-zip-bomb.ods', ODS_HEAD + '<table:table-row><table:table-cell/></table:table-row>' + ' ' * (300 << 20) + ODS_TAIL)
    expect('ods-zip-bomb.ods', 2, 'content.xml')
    ods('ods-text-node-100mb.ods', ODS_HEAD + '<table:table-row><table:table-cell office:value-type="string"><text:p>' + 'A' * (100 << 20) + '</text:p></table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-text-node-100mb.ods', 2, 'content.xml')
    ods('ods-repeat-1e12.ods', ODS_HEAD + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-repeat-1e12.ods', 2, 'content.xml')
    ods('ods-repeat-overflow.ods', ODS_HEAD + '<table:table-row table:number-rows-repeated="99999999999999999999999"><table:table-cell table:number-columns-repeated="-5" office:value-type="float" office:value="1"/></table:table-row>' + ODS_TAIL)
    expect('ods-repeat-overflow.ods', 2, 'content.xml')
    ods('ods-deep-nesting.ods', ODS_HEAD + '<table:table-row><table:table-cell office:value-type="string"><text:p>' + '<text:span>' * 5000 + 'x' + '</text:span>' * 5000 + '</text:p></table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-deep-nesting.ods', 2, 'content.xml')
    ods('ods-invalid-utf8.ods', (ODS_HEAD + '<table:table-row><table:table-cell office:value-type="string"><text:p>X</text:p></table:table-cell></table:table-row>' + ODS_TAIL).encode().replace(b'<text:p>X', b'<text:p>\xff\xfe'))
    expect('ods-invalid-utf8.ods', 2, 'content.xml')
    ods('ods-wrong-mimetype.ods', ODS_HEAD + ODS_TAIL, mimetype='application/vnd.oasis.opendocument.text')
    expect('ods-wrong-mimetype.ods', 2, 'mimetype')
    with zipfile.ZipFile(os.path.join(OUT, 'ods-missing-content.ods'), 'w', zipfile.ZIP_DEFLATED) as z:
        put(z, zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
        put(z, 'META-INF/manifest.xml', '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    expect('ods-missing-content.ods', 2, 'content.xml')
    ods('ods-malformed.ods', ODS_HEAD + '<table:table-row><table:table-cell></table:table-row>' + ODS_TAIL)
    expect('ods-malformed.ods', 2, 'content.xml')
    good_ods = open(os.path.join(OUT, 'repeat-absurd.ods'), 'rb').read()
    open(os.path.join(OUT, 'ods-truncated.ods'), 'wb').write(good_ods[: len(good_ods) * 2 // 3])
    expect('ods-truncated.ods', 2)
    ods('ods-value-garbage.ods', ODS_HEAD + '<table:table-row><table:table-cell office:value-type="float" office:value="1e999"/><table:table-cell office:value-type="date" office:date-value="99999-99-99T99:99:99"/><table:table-cell office:value-type="percentage" office:value="NaN"/><table:table-cell office:value-type="time" office:time-value="PT99999999999999999H"/></table:table-row>' + ODS_TAIL)
    expect('ods-value-garbage.ods', 0)
    with open(os.path.join(OUT, 'expected.tsv'), 'w') as f:
        f.write('# case\texit\tword the reason holds (made by scripts/make_hostile.py)\n')
        for k in sorted(EXPECT):
            f.write(f'{k}\t{EXPECT[k][0]}\t{EXPECT[k][1]}\n')


IMPORT_OUT = os.path.join(HERE, '..', 'Tests', 'Fixtures', 'hostile-import')
IMPORT_HEADERS = ['Customer ID', 'Company Name', 'Industry', 'Region', 'Account Manager', 'Contact', 'Phone', 'E-mail',
                  'Annual Revenue', 'Satisfaction', 'Key Account', 'First Order']


def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_xml(ref, v):
    """A cell: str → inline string (escaped), int/float → number, ('f', formula, cached) → formula, ('raw', xml)."""
    if isinstance(v, tuple) and v[0] == 'raw':
        return f'<c r="{ref}" t="inlineStr"><is><t>{v[1]}</t></is></c>'
    if isinstance(v, tuple) and v[0] == 'f':
        cached = '' if v[2] is None else (f'<v>{v[2]}</v>' if not isinstance(v[2], str) else f'<v>{esc(v[2])}</v>')
        t = ' t="str"' if isinstance(v[2], str) else ''
        return f'<c r="{ref}"{t}><f>{esc(v[1])}</f>{cached}</c>'
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(v)}</t></is></c>'


def esc(t):
    return t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')


def import_case(name, rows):
    """A valid customer list (the headers kam recognises) whose rows hold hostile values."""
    all_rows = [IMPORT_HEADERS] + rows
    xml = ''.join(f'<row r="{r + 1}">' + ''.join(cell_xml(f'{col(c)}{r + 1}', v) for c, v in enumerate(row) if v is not None)
                  + '</row>' for r, row in enumerate(all_rows))
    global OUT
    saved, OUT = OUT, IMPORT_OUT
    try:
        xlsx(name, sheet_xml=sheet(xml))
    finally:
        OUT = saved


def import_cases():
    """Model-layer cases for `kam import`: it must not crash; exit 0/1 with findings or 2 with a reason."""
    os.makedirs(IMPORT_OUT, exist_ok=True)
    import_case('wrong-types.xlsx', [
        ['H001', '类型错公司', 12345, True, 3.5, 0, 'not a phone', 42, 'lots of money', 'very happy', 'maybe', 'yesterday'],
        ['H002', 99999, 'Retail', 'Beijing', 'Li Na', 'x', 13800138000, 'a@b', -1e308, 1e300, 7, 1e300],
        ['H003', '负数公司', 'Retail', 'Beijing', 'Li Na', 'x', '138', 'not-an-email', -0.0, -5, 'No', -99999999],
        ['H004', '溢出公司', 'Retail', 'Beijing', 'Li Na', 'x', 1e308, 'a@b.c', 9.3e18, 9.3e18, 'Yes', 2958466],
        ['H005', '日期公司', 'Retail', 'Beijing', 'Li Na', 'x', '', '', '¥1e999', '101%', 'Yes', '99999-99-99'],
        [None, None, None, None, None, None, None, None, 5, None, None, None],
    ])
    import_case('huge-cell.xlsx', [
        ['H101', 'A' * 1_000_000, 'Retail', 'Beijing', 'Li Na', '客' * 300_000, '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H102', '正常公司', 'R' * 1_000_000, 'Beijing', 'Li Na', 'x', '1' * 100_000, ('x' * 100_000) + '@b.c', '9' * 100_000, '8' * 1000, 'Yes', '2' * 10_000],
    ])
    import_case('formulas.xlsx', [
        ['H201', ('f', 'CONCATENATE("公","司")', '公司'), 'Retail', 'Beijing', ('f', 'A1', 'Customer ID'), 'x', '13800138000', 'a@b.c', ('f', 'SUM(1,2)', 3), ('f', '1/0', None), ('f', 'TRUE()', None), ('f', 'TODAY()', 45000)],
        ['H202', '=HYPERLINK("http://evil.example/","点我")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+1+1', '-2+3', '=1+1', '13800138000', 'a@b.c', ('f', 'NOW()', 'not a number'), 80, 'Yes', '2024-01-01'],
        [('f', 'ROW()', 3), ('f', 'REPT("A",32767)', None), 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
    ])
    ctl = ''.join(chr(c) for c in range(1, 32) if c not in (9, 10, 13))
    import_case('control-characters.xlsx', [
        ['H301', 'Tab\tNew\nLine\rCR公司', 'Retail', 'Beijing', 'Li Na', 'x', '138\t0013\n8000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H302', ('raw', 'Raw' + ctl + 'Controls'), 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H303', 'Esc_x001B_[31mRed_x0000_Nul_x0007_Bell', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H306', '\u00a0\u3000 全角空格 \ufeff\u200b', 'Retail', 'Beijing', 'Li Na', 'x', '１３８００１３８０００', 'ａ＠ｂ．ｃ', '１２３', '８０', 'Yes', '２０２４年１月１日'],
    ])
    # Character references XML forbids (controls, surrogates, past U+10FFFF): exit 2 naming the part.
    import_case('control-char-refs.xlsx', [
        ['H304', ('raw', 'CharRef&#1;&#x1F;&#xFFFE;&#xFFFF;'), 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
    ])
    import_case('surrogate-char-refs.xlsx', [
        ['H305', ('raw', 'Surrogate&#xD800;&#x110000;&#0;&#99999999999;'), 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
    ])
    import_case('rtl-emoji.xlsx', [
        ['H401', 'شركة الصين للتجارة', 'تجارة', 'Beijing', 'محمد', 'علي', '+966 50 123 4567', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H402', 'חברה בע״מ \u202eevil\u202c', 'Retail', 'Tel Aviv', 'דוד', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H403', '🏭 工厂 👩🏽‍💻👨‍👩‍👧‍👦🇨🇳', '🛒', '🌏', '😀', '👍🏿', '📞13800138000', '📧@b.c', '💰100', '⭐⭐⭐', '✅', '📅'],
        ['H404', 'e\u0301\u0301\u0301' + '\u0300' * 500 + 'Zalgo', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H405', '\U0001F600' * 5000, 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
    ])
    import_case('duplicate-ids.xlsx', [
        ['H501', '甲公司', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H501', '乙公司', 'Manufacturing', 'Shanghai', 'Zhang Wei', 'y', '13900139000', 'b@b.c', 2, 90, 'No', '2023-01-01'],
        ['h501 ', '丙公司', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['', '无号公司', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ['H' * 10000, '长号公司', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
        ["'; DROP TABLE customers; --", 'Robert\'); DROP TABLE customers;--', 'Retail', 'Beijing', 'Li Na', 'x', '13800138000', 'a@b.c', 1, 80, 'Yes', '2024-01-01'],
    ])


def main():
    os.makedirs(OUT, exist_ok=True)
    # Zip bombs.
    xlsx('zip-bomb-ratio.xlsx', sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + ' ' * (300 << 20)))
    with zipfile.ZipFile(os.path.join(OUT, 'zip-bomb-entries.xlsx'), 'w') as z:
        for i in range(12000):
            put(z, f'x/{i}', b'')
    # XML attacks.
    xlsx('xxe-external-entity.xlsx', parts={'xl/workbook.xml': WB.replace('<workbook', '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook').replace('Sheet1', '&x;')})
    laughs = LAUGHS
    xlsx('billion-laughs.xlsx', sheet_xml=f'<?xml version="1.0"?>{laughs}<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    xlsx('undeclared-entity.xlsx', sheet_xml=sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'))
    xlsx('deep-nesting.xlsx', sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + '<x>' * 5000 + '</x>' * 5000))
    xlsx('malformed-sheet.xlsx', sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></row>'))
    xlsx('utf16-sheet.xlsx', parts={'xl/worksheets/sheet1.xml': ('\ufeff' + sheet('<row r="1"/>')).encode('utf-16-le')})
    xlsx('invalid-utf8.xlsx', parts={'xl/worksheets/sheet1.xml': sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>X</t></is></c></row>').encode().replace(b'<t>X</t>', b'<t>\xc3\x28</t>')})
    # Absurd dimensions.
    xlsx('cell-past-xfd.xlsx', sheet_xml=sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))
    xlsx('row-past-1048576.xlsx', sheet_xml=sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))
    ods('repeat-absurd.ods', ODS_HEAD + '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>' + ODS_TAIL)
    # Broken containers.
    good = os.path.join(OUT, '_good.xlsx')
    xlsx('_good.xlsx')
    data = open(good, 'rb').read()
    open(os.path.join(OUT, 'truncated.xlsx'), 'wb').write(data[: len(data) // 2])
    flipped = bytearray(data)
    for i in range(60, len(flipped) // 2, 97):
        flipped[i] ^= 0x5A
    open(os.path.join(OUT, 'bit-flipped.xlsx'), 'wb').write(bytes(flipped))
    os.remove(good)
    xlsx('missing-workbook.xlsx', drop=('xl/workbook.xml',))
    xlsx('missing-sheet-part.xlsx', drop=('xl/worksheets/sheet1.xml',))
    # Not spreadsheets.
    open(os.path.join(OUT, 'encrypted.xlsx'), 'wb').write(cfb('EncryptedPackage'))
    open(os.path.join(OUT, 'legacy.xls'), 'wb').write(cfb('Workbook'))
    open(os.path.join(OUT, 'legacy-renamed.xlsx'), 'wb').write(cfb('Workbook'))
    open(os.path.join(OUT, 'csv-renamed.xlsx'), 'w').write('客户名称,电话\n甲公司,13800138000\n')
    open(os.path.join(OUT, 'empty.xlsx'), 'wb').write(b'')
    with zipfile.ZipFile(os.path.join(OUT, 'plain-zip.xlsx'), 'w') as z:
        put(z, 'readme.txt', 'not a workbook')
    more_cases()
    import_cases()
    print('made', len([n for n in os.listdir(OUT) if not n.endswith(('.md', '.tsv'))]), 'fixtures')


if __name__ == '__main__':
    main()
