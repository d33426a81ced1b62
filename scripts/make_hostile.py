#!/usr/bin/env python3
"""Makes the hostile-input fixtures in Tests/Fixtures/hostile/ (each must make kam exit 2 with a one-line reason).

    python3 scripts/make_hostile.py

Every case is built here from scratch, deterministically; README.md in that folder lists them.
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


def sheet(rows_xml):
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet {NS}><sheetData>{rows_xml}</sheetData></worksheet>'


def xlsx(name, parts=None, sheet_xml=None, drop=(), extra=()):
    files = {'[Content_Types].xml': CT, '_rels/.rels': RELS, 'xl/workbook.xml': WB,
             'xl/_rels/workbook.xml.rels': WB_RELS,
             'xl/worksheets/sheet1.xml': sheet_xml or sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>')}
    files.update(parts or {})
    with zipfile.ZipFile(os.path.join(OUT, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for k, v in files.items():
            if k in drop:
                continue
            z.writestr(k, v if isinstance(v, bytes) else v.encode('utf-8'))
        for k, v in extra:
            z.writestr(k, v)


def ods(name, content, mimetype=True):
    with zipfile.ZipFile(os.path.join(OUT, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        if mimetype:
            z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr('content.xml', content)


ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="S">')
ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>'


def cfb(stream_name):
    """A minimal OLE compound-file header followed by a directory entry naming one stream."""
    header = bytes.fromhex('D0CF11E0A1B11AE1') + b'\0' * 16 + struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6)
    header += b'\0' * (512 - len(header))
    name = stream_name.encode('utf-16-le') + b'\0\0'
    entry = name + b'\0' * (64 - len(name)) + struct.pack('<H', len(name)) + b'\x02\x01' + b'\0' * 58
    return header + entry + b'\0' * (512 - len(entry))


def main():
    os.makedirs(OUT, exist_ok=True)
    # Zip bombs.
    xlsx('zip-bomb-ratio.xlsx', sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + ' ' * (300 << 20)))
    with zipfile.ZipFile(os.path.join(OUT, 'zip-bomb-entries.xlsx'), 'w') as z:
        for i in range(12000):
            z.writestr(f'x/{i}', b'')
    # XML attacks.
    xlsx('xxe-external-entity.xlsx', parts={'xl/workbook.xml': WB.replace('<workbook', '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook').replace('Sheet1', '&x;')})
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + ''.join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + ']>'
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
        z.writestr('readme.txt', 'not a workbook')
    print('made', len(os.listdir(OUT)), 'fixtures')


if __name__ == '__main__':
    main()
