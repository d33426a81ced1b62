import Foundation
import Testing
@testable import KamMapping

struct HeaderNormalizerTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var key: String
        var multiplier: Decimal?
        var percent = false
        var scale: Int?
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "  客户名称  ", key: "客户名称"),
        Case(text: "客户名称：", key: "客户名称"),
        Case(text: "*客户名称", key: "客户名称"),
        Case(text: "客户 名称", key: "客户名称"),
        Case(text: "年销售额（万元）", key: "年销售额", multiplier: 10_000),
        Case(text: "年度销售额(万元)", key: "年度销售额", multiplier: 10_000),
        Case(text: "金额(元)", key: "金额", multiplier: 1),
        Case(text: "合同金额【亿元】", key: "合同金额", multiplier: 100_000_000),
        Case(text: "销售额/万元", key: "销售额", multiplier: 10_000),
        Case(text: "满意度（％）", key: "满意度", percent: true),
        Case(text: "满意度(5分制)", key: "满意度", scale: 5),
        Case(text: "满意度(1-5)", key: "满意度", scale: 5),
        Case(text: "评分（10分制）", key: "评分", scale: 10),
        Case(text: "Annual Revenue (RMB 10k)", key: "annualrevenue", multiplier: 10_000),
        Case(text: "Ｅ－ｍａｉｌ", key: "email"),
        Case(text: "ＱＱ号", key: "qq号"),
        Case(text: "客戶名稱", key: "客户名称"),
        Case(text: "負責人", key: "负责人"),
        Case(text: "聯絡電話", key: "联络电话"),
        Case(text: "成立日期(yyyy-mm-dd)", key: "成立日期"),
        Case(text: "Customer ID", key: "customerid"),
    ]

    @Test(arguments: cases)
    func normalizes(_ c: Case) {
        let n = HeaderNormalizer.normalize(c.text)
        #expect(n.key == c.key)
        #expect(n.unit.multiplier == c.multiplier)
        #expect(n.unit.isPercent == c.percent)
        #expect(n.unit.scale == c.scale)
    }

    @Test func icuTransformFoldsTraditional() {
        #expect(ChineseScript.simplified("滿意度調查 會員等級 重點客戶") == "满意度调查 会员等级 重点客户")
        #expect(ChineseScript.simplified("Customer") == "Customer")
    }
}

struct HeaderRecognizerTests {
    struct Case: Sendable, CustomStringConvertible {
        var header: String
        var kind: RecordKind
        var path: String?
        var description: String { "\(header) in \(kind)" }
    }

    static let cases: [Case] = [
        // Labels and synonyms (MODEL.md).
        Case(header: "公司名称", kind: .customer, path: "name"),
        Case(header: "单位名称", kind: .customer, path: "name"),
        Case(header: "客户", kind: .customer, path: "name"),
        Case(header: "客户经理", kind: .customer, path: "owner"),
        Case(header: "销售", kind: .customer, path: "owner"),
        Case(header: "跟进人", kind: .customer, path: "owner"),
        Case(header: "电话", kind: .customer, path: "contacts.phone"),
        Case(header: "手机号", kind: .customer, path: "contacts.phone"),
        Case(header: "联系方式", kind: .customer, path: "contacts.phone"),
        Case(header: "邮箱", kind: .customer, path: "contacts.email"),
        Case(header: "E-mail", kind: .customer, path: "contacts.email"),
        Case(header: "Ｅ－ｍａｉｌ", kind: .customer, path: "contacts.email"),
        Case(header: "等级", kind: .customer, path: "segment"),
        Case(header: "客户级别", kind: .customer, path: "segment"),
        Case(header: "客户分层", kind: .customer, path: "segment"),
        Case(header: "联系人", kind: .customer, path: "contacts.name"),
        Case(header: "微信号", kind: .customer, path: "contacts.wechat"),
        Case(header: "是否重点客户", kind: .customer, path: "keyAccount"),
        Case(header: "所属行业", kind: .customer, path: "industry"),
        Case(header: "年销售额（万元）", kind: .customer, path: "annualRevenue"),
        Case(header: "满意度（％）", kind: .customer, path: "satisfaction"),
        Case(header: "成立日期", kind: .customer, path: "foundedOn"),
        Case(header: "客户编码", kind: .customer, path: "id"),
        // Traditional headers.
        Case(header: "客戶名稱", kind: .customer, path: "name"),
        Case(header: "負責人", kind: .customer, path: "owner"),
        Case(header: "聯絡電話", kind: .customer, path: "contacts.phone"),
        Case(header: "聯絡人", kind: .customer, path: "contacts.name"),
        Case(header: "電子郵箱", kind: .customer, path: "contacts.email"),
        Case(header: "年度銷售額", kind: .customer, path: "annualRevenue"),
        Case(header: "會員等級", kind: .customer, path: "membership"),
        // English.
        Case(header: "Customer Name", kind: .customer, path: "name"),
        Case(header: "Account Manager", kind: .customer, path: "owner"),
        Case(header: "Contact", kind: .customer, path: "contacts.name"),
        Case(header: "Contact Phone", kind: .customer, path: "contacts.phone"),
        Case(header: "WeChat", kind: .customer, path: "contacts.wechat"),
        Case(header: "Key Account", kind: .customer, path: "keyAccount"),
        // Prefixes and units stuck on.
        Case(header: "联系人电话", kind: .customer, path: "contacts.phone"),
        Case(header: "联系人邮箱", kind: .customer, path: "contacts.email"),
        Case(header: "客户地区", kind: .customer, path: "region"),
        Case(header: "年销售额万元", kind: .customer, path: "annualRevenue"),
        // The sheet's kind picks among fields.
        Case(header: "日期", kind: .transaction, path: "transactions.date"),
        Case(header: "日期", kind: .interaction, path: "interactions.date"),
        Case(header: "金额(元)", kind: .transaction, path: "transactions.amount"),
        Case(header: "客户编号", kind: .transaction, path: "id"),
        Case(header: "状态", kind: .feedback, path: "feedback.status"),
        Case(header: "状态", kind: .serviceAction, path: "serviceActions.status"),
        Case(header: "负责人", kind: .serviceAction, path: "serviceActions.owner"),
        Case(header: "满意度", kind: .survey, path: "surveys.score"),
        Case(header: "姓名", kind: .contact, path: "contacts.name"),
        Case(header: "姓名", kind: .customer, path: "name"),
        // Unmapped.
        Case(header: "微博账号", kind: .customer, path: nil),
        Case(header: "Weibo", kind: .customer, path: nil),
        Case(header: "内部代码", kind: .customer, path: nil),
        Case(header: "Internal Code", kind: .customer, path: nil),
        Case(header: "ＱＱ号", kind: .customer, path: nil),
    ]

    @Test(arguments: cases)
    func recognizes(_ c: Case) {
        let r = HeaderRecognizer().recognize(c.header)
        #expect(r.candidates(in: c.kind).first?.path == c.path)
    }

    @Test func unitIsReported() {
        let r = HeaderRecognizer().recognize("年销售额（万元）")
        #expect(r.header.unit.multiplier == 10_000)
        let s = HeaderRecognizer().recognize("满意度(5分制)")
        #expect(s.header.unit.scale == 5)
    }

    @Test func numberedHeadersCarryOrdinals() {
        let r = HeaderRecognizer().recognize("电话2")
        #expect(r.candidates(in: .customer).first?.path == "contacts.phone")
        #expect(r.ordinal == 2)
    }

    @Test func parentAndChild() {
        let rec = HeaderRecognizer()
        #expect(rec.recognize(parent: "联系人", child: "姓名").candidates(in: .customer).first?.path == "contacts.name")
        #expect(rec.recognize(parent: "联系人", child: "电话").candidates(in: .customer).first?.path == "contacts.phone")
        #expect(rec.recognize(parent: "联系人信息", child: "姓名").candidates(in: .customer).first?.path == "contacts.name")
        #expect(rec.recognize(parent: "基本信息", child: "客户名称").candidates(in: .customer).first?.path == "name")
    }

    @Test func everyCatalogLabelRecognisesItsField() {
        let rec = HeaderRecognizer()
        for f in FieldCatalog.all {
            for label in [f.zhHans, f.zhHant, f.en] {
                let candidates = rec.recognize(label).candidates
                #expect(candidates.contains(f), "\(label) → \(f.path)")
            }
        }
    }

    @Test func vocabularySynonymTablesBuild() {
        // Building the dictionaries would trap on a duplicate key; touching each proves they are sound.
        #expect(LabelSynonyms.extra.count == VocabularyName.allCases.count)
    }
}
