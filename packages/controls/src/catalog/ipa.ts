import type { Control, ControlKind } from "../types";

/*
 * Catalog of the guideline 委託関係における情報セキュリティ対策ガイドライン (seed 000_44699f9d090faabf.txt),
 * document "IPA". Three parts, in document order:
 *
 * - IPA-C-<item>[-<sub>]: the model clause 第〇条（機密保持）. Item 1 (confidentiality, with its ①–⑤
 *   exceptions), item 2 (designated information in 表 1, kept up to date) and the lead-in of item 3
 *   (manage separately from other information) are one control each; every sub-item (1)–(10) of item 3 is
 *   its own control IPA-C-3-<n>. The note 注 under item 1 is commentary (and truncated in the seed) and
 *   is not a control.
 * - IPA-R-1: the model clause 第〇条（再委託） items 1–3, one control as in CONTROLS.md ("再委託 1–3").
 *   The 【コメント】 after it (survival of related clauses) is advice, not an obligation: not a control.
 * - IPA-<section>-<n>: every ◇ item of the annex 別紙「委託先における情報セキュリティ対策事項」, n counting
 *   the ◇ items of the section from 1 in document order. The ids are derived from the position in the
 *   arrays below, so the arrays must list every ◇ of the seed, empty ones included.
 *
 * The seed's 4.1 has an empty ◇ (its 7th item). It still counts (so the remote diagnostic port items are
 * IPA-4.1-8 and IPA-4.1-9, as in CONTROLS.md) and is kept as a manual control IPA-4.1-7 whose `text` is
 * the heading of section 4.1 (as the seed has nothing else to quote) and whose English title is
 * "(empty item in the source)".
 *
 * `text` is quoted verbatim from the seed, without the "◇" / "(n)" marker of a single item; line breaks
 * and list markers ("- ") are collapsed to single spaces (see catalog.test.ts). Quirks of the seed such
 * as "定期的を実施すること" or the unbalanced parenthesis in 3(9) are kept as written.
 */

type Bilingual = { ja: string; en: string };

const CLAUSE = { ja: "機密保持", en: "Confidentiality" };
const SUBCONTRACT = { ja: "再委託", en: "Subcontracting" };

interface AnnexItem {
  title: { en: string; ja: string };
  text: string;
  kind?: ControlKind;
  checkedBy?: Bilingual;
}

/** Turns the ◇ items of one annex section into controls IPA-<code>-1, IPA-<code>-2, … */
function annexSection(code: string, section: Bilingual, items: readonly AnnexItem[]): Control[] {
  return items.map((item, i) => {
    const control: Control = {
      id: `IPA-${code}-${i + 1}`,
      document: "IPA",
      clause: `別紙 ${code} ◇${i + 1}`,
      section,
      title: item.title,
      text: item.text,
      kind: item.kind ?? "manual",
    };
    if (item.checkedBy) control.checkedBy = item.checkedBy;
    return control;
  });
}

const AS_NIC_1_4_5_2 = {
  en: "As NIC-1-4-5-2: an anti-virus product is installed on every managed instance",
  ja: "NIC-1-4-5-2 と同じ: すべての管理対象インスタンスにウイルス対策ソフトが導入されていること",
};

const AS_NIC_1_2_2_1 = {
  en: "As NIC-1-2-2-1: every account maps to a current roster person",
  ja: "NIC-1-2-2-1 と同じ: すべてのアカウントが従事者台帳の現任者に対応していること",
};

const modelClause: Control[] = [
  {
    id: "IPA-C-1",
    document: "IPA",
    clause: "第〇条（機密保持） 1",
    section: CLAUSE,
    title: {
      en: "Keep the information confidential; no disclosure to third parties without the client's prior written consent (listed exceptions)",
      ja: "機密情報の秘密保持と第三者への開示禁止",
    },
    text: "乙は、本契約の履行にあたり、甲が機密である旨指定して開示する情報および本契約の履行により生じる情報^注（以下「機密情報」という）を機密として取扱い、甲の事前の書面による承諾なく第三者に開示してはならない。ただし、次の各号のいずれかに該当する情報については、この限りではない。 ① 開示を受けたときに既に公知であったもの ② 開示を受けたときに既に乙が所有していたもの ③ 開示を受けた後に乙の責によらない事由により公知となったもの ④ 開示を受けた後に第三者から守秘義務を負うことなく適法に取得した もの ⑤ 開示の前後を問わず乙が独自に開発したことを証明し得るもの",
    kind: "manual",
  },
  {
    id: "IPA-C-2",
    document: "IPA",
    clause: "第〇条（機密保持） 2",
    section: CLAUSE,
    title: {
      en: "Designated confidential information is listed in Table 1, kept up to date by both parties",
      ja: "機密情報の指定（表1）と最新化",
    },
    text: "甲が乙に機密である旨指定して開示する情報は、表 1（本案では、特に例示しない）の通りである。 なお、表 1 は甲乙協力し常に最新の状態を保つべく適切に更新するものとする。",
    kind: "manual",
  },
  {
    id: "IPA-C-3",
    document: "IPA",
    clause: "第〇条（機密保持） 3",
    section: CLAUSE,
    title: {
      en: "Manage disclosed information separately from the vendor's other information, and observe (1)–(10)",
      ja: "他の情報・物品と区別した管理",
    },
    text: "乙は、甲より開示された機密情報の管理につき、乙が保有する他の情報、物品等と明確に区別して管理するとともに、以下の事項を遵守する。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-1",
    document: "IPA",
    clause: "第〇条（機密保持） 3(1)",
    section: CLAUSE,
    title: {
      en: "Appoint a manager and a storage place; keep the information with due care",
      ja: "管理責任者・保管場所の設定と善管注意による保管",
    },
    text: "機密情報の管理責任者及び保管場所を定め、善良なる管理責任者の注意をもって保管管理する。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-2",
    document: "IPA",
    clause: "第〇条（機密保持） 3(2)",
    section: CLAUSE,
    title: {
      en: "Minimum personnel handle the information; never taken out of the storage place",
      ja: "取扱従業員の最小化と保管場所外への持ち出し禁止",
    },
    text: "機密情報を取り扱う従業員を必要最小限にとどめ、上記保管場所以外へ持ち出さない。",
    kind: "auto",
    checkedBy: AS_NIC_1_2_2_1,
  },
  {
    id: "IPA-C-3-3",
    document: "IPA",
    clause: "第〇条（機密保持） 3(3)",
    section: CLAUSE,
    title: {
      en: "Report the manager, personnel and storage place to the client, and any change",
      ja: "管理責任者・取扱従業員・保管場所の報告",
    },
    text: "機密情報の管理責任者名、機密情報を取り扱う従業員名及び機密情報の保管場所を、〇年〇月〇日までに甲に報告する。また、報告内容に変更が生じた場合には、変更が生じた月に提出する以下の(8)の具体的管理状況の報告において、当該変更内容を甲に報告する。",
    kind: "partial",
    checkedBy: { en: "Roster export in the report", ja: "報告書に含まれる従事者台帳の出力" },
  },
  {
    id: "IPA-C-3-4",
    document: "IPA",
    clause: "第〇条（機密保持） 3(4)",
    section: CLAUSE,
    title: {
      en: "Make the contract known to the reported personnel; prevent leaks, loss, destruction and tampering",
      ja: "取扱従業員への周知徹底と漏洩等の防止措置",
    },
    text: "(3)にて報告した機密情報を取り扱う従業員に対して本契約の内容を周知徹底させ、機密情報の漏洩、紛失、破壊、改ざん等を未然に防止するための措置を取る。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-5",
    document: "IPA",
    clause: "第〇条（機密保持） 3(5)",
    section: CLAUSE,
    title: {
      en: "No copying or disclosure without the client's written consent (court or government orders excepted, with notice)",
      ja: "書面承諾のない複写・複製・開示の禁止",
    },
    text: "甲の書面による承諾を得た場合を除き、機密情報を複写、複製せず、また、機密情報を開示、漏洩しない。但し、政府機関又は裁判所の命令により要求された場合、その範囲で開示することが出来る。なお、その場合には、甲にその旨をすみやかに通知すること。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-6",
    document: "IPA",
    clause: "第〇条（機密保持） 3(6)",
    section: CLAUSE,
    title: { en: "Use only for the purpose of the contract", ja: "目的外使用の禁止" },
    text: "機密情報は本契約の目的の範囲でのみ使用する。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-7",
    document: "IPA",
    clause: "第〇条（機密保持） 3(7)",
    section: CLAUSE,
    title: {
      en: "Notify accidents immediately; the client takes part in recurrence prevention",
      ja: "事故の即時通知と再発防止策協議への甲の参加",
    },
    text: "事故発生時には直ちに甲に対して通知し、事故再発防止策の協議には甲の参加を認める。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-8",
    document: "IPA",
    clause: "第〇条（機密保持） 3(8)",
    section: CLAUSE,
    title: {
      en: "Return or destroy at the end of the contract, with proof of destruction",
      ja: "契約終了時の返却または廃棄と廃棄証拠の報告",
    },
    text: "委託期間満了時または本契約の解除時、機密情報（(5)に基づく複写、複製 を含む)を甲に返却、または自己で廃棄の上廃棄の証拠を甲に報告する。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-9",
    document: "IPA",
    clause: "第〇条（機密保持） 3(9)",
    section: CLAUSE,
    title: {
      en: "Return or destroy whenever the client asks, with proof of destruction",
      ja: "甲の求めによる返却または廃棄",
    },
    text: "(8)にかかわらず、甲から返却また廃棄を求められたときは、機密情報(5)に基づく複写、複製を含む)を甲に返却、または自己で廃棄の上廃棄の証拠を甲に報告する。",
    kind: "manual",
  },
  {
    id: "IPA-C-3-10",
    document: "IPA",
    clause: "第〇条（機密保持） 3(10)",
    section: CLAUSE,
    title: {
      en: "Monthly report of the concrete management status; on-site inspection and corrective measures",
      ja: "具体的管理状況の毎月報告と立入検査・是正措置",
    },
    text: "乙は、甲に対して、機密情報の以下の具体的管理状況を毎月月末に報告する。乙は、甲が乙の事務所における機密情報の管理状況を確認するために乙の事務所への立入検査を希望する場合には、当該検査に協力する。また、甲は乙に対して是正措置を求めることができ、乙はこれを実施するものとする。 ①委託契約範囲外の加工、利用の禁止の遵守 ②委託契約範囲外の複写、複製の禁止の遵守 ③安全管理措置状況",
    kind: "manual",
  },
];

const subcontractClause: Control[] = [
  {
    id: "IPA-R-1",
    document: "IPA",
    clause: "第〇条（再委託） 1–3",
    section: SUBCONTRACT,
    title: {
      en: "No subcontracting without the client's prior written consent; equal obligations imposed on and agreed by the subcontractor, and reported",
      ja: "再委託の事前書面同意と再委託先への同等義務の賦課",
    },
    text: "1. 乙は、本業務(の全部、または一部)を第三者へ再委託する場合、甲の事前の書面による同意を得ずに、再委託してはならない。 2. 前項の規定に基づき本業務を再委託する場合、乙は自己が負う義務と同等の義務を再委託先に対して書面にて課すとともに、甲に対して再委託先に当該義務を課した旨を書面により報告し、かつ乙は当該機密情報開示に伴う全責任を負うものとする。また、乙は次項第3号の再委託先からの報告を、第〇条(機密保持)第3項の具体的管理状況の報告時にあわせて甲に報告する。 3. 前項に加え、乙は再委託先から次の各号の同意を得なければならない。また、乙は、当該同意を得た旨を甲に書面で報告する。 ①事故発生時には直ちに甲に対しても通知すること ②事故再発防止策を協議する際には甲の参加も認めること ③再委託先における機密情報の具体的管理状況の報告は、甲の閲覧も可とすること",
    kind: "partial",
    checkedBy: {
      en: "As NIC-1-7: IAM roles trusting other AWS accounts and AD trusts letting other domains in must be listed as approved subcontractors",
      ja: "NIC-1-7 と同じ: 他の AWS アカウントを信頼する IAM ロールと、他のドメインを受け入れる AD の信頼は、承認済みの再委託先として登録されていること",
    },
  },
];

const S4_1 = {
  ja: "機密情報へのアクセスを制限するために、利用者 ID の管理（パスワードの管理など）を行う",
  en: "Manage user IDs (passwords included) to restrict access to confidential information",
};

const annex: Control[] = [
  ...annexSection(
    "1.1",
    {
      ja: "機密情報の利用、保管、持ち出し、消去、破棄における取り扱い手順を定める",
      en: "Define procedures for using, storing, taking out, erasing and disposing of confidential information",
    },
    [
      {
        title: {
          en: "Store confidential information apart from other information",
          ja: "他の情報と区別した保管",
        },
        text: "機密情報は、他の情報と区別して保管すること。",
      },
      {
        title: { en: "Appoint a manager of the confidential information", ja: "機密情報の管理者の設置" },
        text: "機密情報の管理者を定めること。",
      },
      {
        title: {
          en: "Define who may access the confidential information",
          ja: "アクセスできる人の範囲の設定",
        },
        text: "機密情報にアクセスできる人の範囲を定めること。",
        kind: "auto",
        checkedBy: {
          en: "Roster: the people allowed to handle the information",
          ja: "従事者台帳（情報を取り扱うことのできる人員）",
        },
      },
      {
        title: {
          en: "Keep a current personnel ledger (従事者台帳), manager included",
          ja: "従事者台帳による最新の従事者管理",
        },
        text: "最新の従事者(管理責任者を含む)を「従事者台帳」で管理すること。",
        kind: "auto",
        checkedBy: {
          en: "Roster present, current, every account owned",
          ja: "従事者台帳が存在し最新で、すべてのアカウントに所有者がいること",
        },
      },
      {
        title: {
          en: "Record received information in the confidential-information ledger",
          ja: "受領時の機密情報管理台帳への記録",
        },
        text: "機密情報を受領した場合には、「機密情報管理台帳」に記録すること。",
      },
      {
        title: { en: "Keep records of use of the information", ja: "利用記録の保持" },
        text: "機密情報の利用記録を残しておくこと。",
        kind: "auto",
        checkedBy: {
          en: "As NIC-1-4-3-1: CloudTrail on, multi-region, management events read+write",
          ja: "NIC-1-4-3-1 と同じ: CloudTrail が有効・マルチリージョンで、管理イベントの読み取り・書き込みを記録していること",
        },
      },
      {
        title: {
          en: "Client's prior approval before copying or e-mailing the information",
          ja: "複製・メール送信前の委託元承認",
        },
        text: "機密情報を複製または電子メールで送信する場合には、事前に委託元の承認を得ること。",
      },
      {
        title: {
          en: "Ledger records where copies and e-mailed information are and who manages them; nothing taken out of the security zone",
          ja: "複製・送信先の所在と管理者の記録、保安区分外への持ち出し禁止",
        },
        text: "機密情報を複製または電子メールで送信した場合には、「機密情報管理台帳」に所在地およびその管理者を記録すること。機密情報および機密情報を取り扱う機器の保安区分外への持ち出しは禁止すること。",
      },
      {
        title: {
          en: "Client's prior approval before taking information out",
          ja: "持ち出し前の委託元承認",
        },
        text: "機密情報を持ち出す場合、事前に委託元の承認を得ること。",
      },
      {
        title: {
          en: "Manager's prior approval before taking information out",
          ja: "持ち出し前の管理者承認",
        },
        text: "機密情報を持ち出す場合、事前に機密情報の管理者の承認を得ること。",
      },
      {
        title: { en: "Encrypt files taken out", ja: "持ち出し時のファイル暗号化" },
        text: "機密情報を持ち出す場合、ファイルの暗号化を行うこと。",
      },
      {
        title: {
          en: "Storage media holding the information have a security lock",
          ja: "記憶媒体のセキュリティロック機能",
        },
        text: "機密情報を格納する記憶媒体は、セキュリティロック機能を有すること。",
      },
      {
        title: {
          en: "Confirm information taken out is erased after use",
          ja: "持ち出し利用後の消去確認",
        },
        text: "持ち出しの利用を終えた機密情報は、正しく消去されているか確認すること。",
      },
      {
        title: {
          en: "Confirm disposal of information held by staff who leave the work",
          ja: "担当を外れた従業者の保有情報の廃棄確認",
        },
        text: "機密情報を扱う業務の担当を外れた従業者（管理責任者を含む）が保有していた機密情報の廃棄・消去を確認すること。",
      },
      {
        title: {
          en: "Define disposal procedures for the information and objects embodying it",
          ja: "機密情報と化体物の廃棄手順の策定",
        },
        text: "機密情報および機密情報が化体された物（試作品等）の廃棄手順を定めること。",
      },
      {
        title: {
          en: "At the end of the work, keep records of secure disposal and report to the client",
          ja: "業務終了時の廃棄記録の整備と委託元への報告",
        },
        text: "委託業務の終了時、機密情報が安全に廃棄、消去されたことを示す記録を整備すること。また、委託元に報告すること。",
      },
      {
        title: {
          en: "Wipe servers completely before disposal, sale or lease return",
          ja: "サーバ廃棄・売却・返却時の完全消去",
        },
        text: "機密情報を格納していたサーバを廃棄、売却またはリース返却する時は、データ消去ツールなどでデータの完全消去を行うこと。",
      },
      {
        title: {
          en: "Backup rules and regular backups; backup media handled by classification",
          ja: "バックアップのルールと媒体の機密区分に応じた管理",
        },
        text: "バックアップのルールを定め、定期的を実施すること。機密情報を扱う情報システムの全てのバックアップ媒体は、機密区分に応じた管理を行うこと。",
      },
      {
        title: {
          en: "Do not reuse paper with confidential information on the back",
          ja: "機密情報を含む裏紙の利用禁止",
        },
        text: "機密情報を含む裏紙は利用しないこと。",
      },
      {
        title: {
          en: "Rules so faxes, printouts and other papers are not left lying around",
          ja: "FAX・プリントアウト等の放置防止ルール",
        },
        text: "機密情報が記されたFAX、プリントアウトその他の書類が長時間放置されたままにならないようなルールの運用をすること。",
      },
      {
        title: {
          en: "Check periodically that security is maintained and operated properly",
          ja: "情報セキュリティの維持・運用の定期確認",
        },
        text: "情報セキュリティが適正に維持、運用されていることを確認するため、定期的に確認すること。",
      },
      {
        title: {
          en: "Periodic internal inspection of work handling the information",
          ja: "機密情報取り扱い業務の定期内部点検",
        },
        text: "定期的に機密情報取り扱い業務の内部点検を実施すること。",
      },
    ],
  ),
  ...annexSection(
    "1.2",
    {
      ja: "機密情報に係る業務の再委託に関する事項を定める",
      en: "Define rules for subcontracting work involving confidential information",
    },
    [
      {
        title: {
          en: "Client's prior approval, in writing, of subcontracting (reason, content, subcontractor)",
          ja: "再委託の事前書面提出と委託元承認",
        },
        text: "業務の再委託を行う場合は、実施理由・必要性、内容、再委託先についての書面を事前に委託元に提出し承認を得ること。",
      },
      {
        title: {
          en: "Confidentiality contract with the subcontractor, with requirements equal to the client's (example items listed)",
          ja: "再委託先との機密保持契約（同等の要求事項）",
        },
        // The item's example list (項目例) belongs to it and is quoted with it.
        text: "再委託先と機密保持に関する契約を締結すること。委託元から委託先に求める情報セキュリティ要求事項と同等の内容を含めること。 項目例： * 守秘義務 * 機密保持の対象となる情報の範囲 * 守秘義務期限 * 使用目的の制限 * アクセス者は必要最小限に限定 * 機密情報の管理方法 * 機密情報の複製の制限 * 委託契約終了後の機密情報の返却または廃棄の規定 * 委託元からの機密保持に関する確認措置の規定 * 契約違反時の措置 *無断での再委託の禁止 *私用 PC の業務使用禁止",
      },
      {
        title: {
          en: "Document procedures for work with subcontractors",
          ja: "再委託先との業務手順の文書化",
        },
        text: "機密情報に係る再委託先との業務について手順を文書化すること。",
      },
      {
        title: {
          en: "Periodically check that subcontractors maintain their security measures",
          ja: "再委託先の対策の定期確認",
        },
        text: "再委託先における情報セキュリティ対策が適切に維持・運営されていることを定期的に確認すること。",
      },
      {
        title: {
          en: "Mark information disclosed to subcontractors as confidential",
          ja: "再委託先への開示時の機密表示",
        },
        text: "機密情報を再委託先に開示する場合には、機密情報であることを明示すること。",
      },
      {
        title: {
          en: "Record hand-overs of information to subcontractors",
          ja: "再委託先への受け渡しの記録",
        },
        text: "再委託先への機密情報の受け渡しに関する記録を行うこと。",
      },
      {
        title: {
          en: "Encrypt hand-overs of information to subcontractors",
          ja: "再委託先への受け渡し時の暗号化",
        },
        text: "再委託先への機密情報の受け渡しに際し、暗号化を行うこと。",
      },
      {
        title: {
          en: "Obtain disposal records from subcontractors",
          ja: "再委託先からの廃棄・消去記録の取得",
        },
        text: "再委託先に開示した機密情報の廃棄・消去に関する記録を再委託先から取得すること。",
      },
    ],
  ),
  ...annexSection(
    "1.3",
    {
      ja: "機密情報を扱う従事者に対して遵守事項の周知と、情報セキュリティに関わる知識習得の機会を与える",
      en: "Inform personnel handling confidential information of the rules and give them opportunities to learn information security",
    },
    [
      {
        title: {
          en: "Inform personnel of the confidentiality rules",
          ja: "遵守事項の従事者への周知",
        },
        text: "機密保持に関する遵守事項に従事者に周知させること。",
      },
      {
        title: {
          en: "Regular training with attendance records",
          ja: "定期的な教育と受講記録",
        },
        text: "機密保持を実践するために必要な教育を定期的に行い、受講記録を作成すること。",
      },
      {
        title: {
          en: "Do not speak about confidential information in public places",
          ja: "公衆の場での公言禁止",
        },
        text: "機密情報を公衆の場（居酒屋や電車の中など）で公言しないこと。",
      },
    ],
  ),
  ...annexSection(
    "2.1",
    {
      ja: "機密情報を保管および扱う場所の入退管理と施錠管理を行う",
      en: "Control entry to, and lock, the places where confidential information is kept or handled",
    },
    [
      {
        title: {
          en: "Define the areas where confidential information is kept or handled",
          ja: "保管・取扱区域の設定",
        },
        text: "機密情報を保管および扱う区域を定めていること。",
      },
      {
        title: {
          en: "Prevent intrusion into the rooms or floors holding the information",
          ja: "部屋・フロアーへの侵入防止",
        },
        text: "機密情報を保管している部屋（事務室）又はフロアーへの侵入を防止するための対策を行っていること。",
      },
      {
        title: {
          en: "Restrict who may enter, and record entries and exits",
          ja: "入室者の制限と入退記録",
        },
        text: "機密情報を保管している部屋（事務室）又はフロアーに入ることができる人を制限し、入退の記録を取得していること。",
      },
      {
        title: {
          en: "Lock away media, papers and laptops holding the information",
          ja: "記憶媒体・紙資料・ノート PC の施錠管理",
        },
        text: "機密情報が格納された記憶媒体、紙資料、ノート PC 等は施錠管理すること。",
      },
      {
        title: {
          en: "Keep server-room entry and server work records so incidents can be traced",
          ja: "サーバールーム入退館とサーバ作業の記録保存",
        },
        text: "機密情報を取り扱う情報システムを格納するサーバールームへの入退館の記録やサーバへの作業記録を保存し、事故が発生した際、後からトレースできるようにすること。",
        kind: "auto",
        checkedBy: {
          en: "CloudTrail with log-file validation, retention; the access-log audit (`itaku audit`) traces the work records and flags tampering with them (access-log-tampering)",
          ja: "ログファイル検証を有効にした CloudTrail と、その保持期間。アクセスログ監査（`itaku audit`）が作業記録を追跡し、その改ざんを検出する（access-log-tampering）",
        },
      },
      {
        title: {
          en: "Periodically check the keeping and holding of keys and ID cards",
          ja: "鍵・ID カードの保管・所有の定期確認",
        },
        text: "鍵または ID カードなどの保管や所有について定期的に確認すること。",
      },
      {
        title: {
          en: "Periodically review entry/exit records, camera images included",
          ja: "入退出記録（カメラ画像含む）の定期確認",
        },
        text: "入退出記録（カメラ画像を含む）を定期的に確認すること。",
      },
    ],
  ),
  // The footnote under 2.2 ("※記憶媒体(SDカード、USBメモリ等)、カメラ付き携帯電話、…") explains "（※）"; it is
  // not an item of its own.
  ...annexSection(
    "2.2",
    {
      ja: "機密情報を保管および扱う場所への個人所有物の持込み・利用を禁止する",
      en: "Prohibit bringing in and using personal belongings where confidential information is kept or handled",
    },
    [
      {
        title: {
          en: "No personal PCs or storage media brought in",
          ja: "個人所有 PC・記憶媒体等の持込み禁止",
        },
        text: "個人所有の PC・記憶媒体等（※）の持込みを禁止すること",
      },
      {
        title: {
          en: "No personal PCs or storage media used for work",
          ja: "個人所有 PC・記憶媒体等の業務利用禁止",
        },
        text: "個人所有の PC・記憶媒体等（※）の業務利用を禁止すること。",
      },
      {
        title: {
          en: "No personal PCs on the internal network",
          ja: "個人所有 PC の社内ネットワーク接続禁止",
        },
        text: "個人所有の PC の社内ネットワーク接続を禁止すること。",
      },
      {
        title: {
          en: "Only company-issued storage media; personal ones forbidden",
          ja: "記憶媒体等は会社貸与品のみ",
        },
        text: "記憶媒体等（※）の利用は会社貸与品のみとし、個人所有の記憶媒体等（※）の利用を禁止すること。",
      },
    ],
  ),
  ...annexSection(
    "3.1",
    {
      ja: "ウイルス対策ソフトをはじめとしたアプリケーションの運用を適切に行う",
      en: "Operate applications, anti-virus software first of all, properly",
    },
    [
      {
        title: {
          en: "Anti-virus installed, pattern files updated regularly",
          ja: "ウイルス対策ソフトの導入とパターンファイル更新",
        },
        text: "ウイルス対策ソフトを導入し、パターンファイルの更新を定期的に行っていること。",
        kind: "partial",
        checkedBy: AS_NIC_1_4_5_2,
      },
      {
        title: {
          en: "Use the anti-virus suite's firewall, anti-spam and harmful-site features",
          ja: "ウイルス対策ソフトの付加機能の活用",
        },
        text: "ウイルス対策ソフトが持っている機能（ファイアウォール機能、スパムメール対策機能、有害サイト対策機能）を活用すること。",
      },
      {
        title: {
          en: "Regular virus scans of servers and client PCs",
          ja: "サーバ・クライアント PC の定期ウイルス検査",
        },
        text: "サーバやクライアント PC について、定期的なウイルス検査を行っていること。",
        kind: "partial",
        checkedBy: AS_NIC_1_4_5_2,
      },
      {
        title: {
          en: "BIOS and HDD passwords and encryption software on laptops",
          ja: "ノート PC の BIOS・HDD パスワードと暗号化",
        },
        text: "ノート PC には、BIOS パスワード、HDD パスワードの設定および暗号化ソフトの導入をすること。",
      },
      {
        title: {
          en: "Forbid unauthorised software (e.g. Winny) and check periodically",
          ja: "未許可ソフトウェアのインストール禁止と定期確認",
        },
        text: "Winny 等、組織で許可されていないソフトウェアのインストールを禁止していること。禁止ソフトがインストールされていないか定期的を確認すること。",
        kind: "partial",
        checkedBy: {
          en: "As NIC-1-4-4-5: installed applications of managed instances against the forbidden list",
          ja: "NIC-1-4-4-5 と同じ: 管理対象インスタンスのインストール済みアプリケーションを禁止リストと照合",
        },
      },
      {
        title: {
          en: "Configure systems so storage media cannot be connected",
          ja: "記憶媒体を接続できない設定",
        },
        text: "機密情報をコピーして持ち出さないよう、記憶媒体が接続できない設定とすること。",
      },
      {
        title: { en: "Synchronise system clocks regularly", ja: "システム時刻の定期同期" },
        text: "情報システムの時刻は定期的に同期をとること。",
      },
      {
        title: {
          en: "Restrict access to web sites not needed for the work",
          ja: "業務に不要な web サイトへのアクセス制限",
        },
        text: "業務に不要な web サイトへのアクセスを制限すること。",
        kind: "auto",
        checkedBy: {
          en: "Egress only via the proxy (allow-list)",
          ja: "外向き通信は Proxy（許可リスト）経由のみであること",
        },
      },
    ],
  ),
  ...annexSection(
    "3.2",
    {
      ja: "情報システムに対して、最新のパッチを適用するなどの脆弱性対策を行う",
      en: "Address vulnerabilities in information systems, e.g. by applying the latest patches",
    },
    [
      {
        title: {
          en: "Fix vulnerabilities (apply patches, Windows Update, etc.)",
          ja: "脆弱性の解消（修正プログラムの適用）",
        },
        text: "脆弱性の解消（修正プログラムの適用、Windows update 等）を行っていること。",
        kind: "partial",
        checkedBy: {
          en: "As NIC-1-4-1-2: Systems Manager patch compliance of managed instances",
          ja: "NIC-1-4-1-2 と同じ: Systems Manager 管理対象インスタンスのパッチ適用状況",
        },
      },
      {
        title: {
          en: "Check that systems are configured with security in mind (unneeded services stopped)",
          ja: "セキュリティを考慮した設定の確認",
        },
        text: "不要なサービスの停止など、セキュリティを考慮した設定を実施するなどの対策が施されているかを確認すること。",
        kind: "partial",
        checkedBy: {
          en: "Security Hub runs the required configuration standards, and Amazon Inspector scans EC2 instances and ECR images, in every region",
          ja: "Security Hub が必要なセキュリティ基準による設定確認を、Amazon Inspector が EC2 インスタンスと ECR イメージの脆弱性検査を、全リージョンで実行していること",
        },
      },
      {
        title: {
          en: "Secure settings for web browsers and e-mail clients",
          ja: "Web ブラウザ・メールソフトのセキュリティ設定",
        },
        text: "Web ブラウザや電子メールソフトのセキュリティ設定を行うこと。",
      },
    ],
  ),
  ...annexSection("4.1", S4_1, [
    {
      title: {
        en: "An ID and password per user; identify and authenticate reliably",
        ja: "利用者毎の ID・パスワードの割当てと識別・認証",
      },
      text: "機密情報が扱える利用者毎に ID とパスワードを割当て、その ID とパスワードによる識別と認証を確実にすること。",
      kind: "auto",
      checkedBy: {
        en: "As NIC-1-4-2-2: shared/generic accounts, one account used by several roster persons, accounts with no owner",
        ja: "NIC-1-4-2-2 と同じ: 共有・汎用アカウント、複数の従事者が使う一つのアカウント、所有者のいないアカウントの検出",
      },
    },
    {
      title: {
        en: "Rules for registering and deleting user IDs",
        ja: "利用者 ID の登録・削除規程の整備",
      },
      text: "利用者 ID の登録や削除に関する規程を整備すること。",
    },
    {
      title: {
        en: "Password expiry and regular change; no blank or trivial passwords",
        ja: "パスワードの有効期限と単純なパスワードの禁止",
      },
      text: "パスワードは有効期限を設け、定期的に変更すること。また、空白のパスワードや単純な文字列のパスワードを設定しないよう利用者に求めること。",
      kind: "auto",
      checkedBy: {
        en: "IAM and AD password policies; AD password-not-required / never-expires",
        ja: "IAM と AD のパスワードポリシー、AD のパスワード不要・無期限アカウントの検出",
      },
    },
    {
      title: {
        en: "Password-protected screen saver when leaving the desk",
        ja: "離席時のパスワード付きスクリーンセーバー",
      },
      text: "離席する際は、パスワードで保護されたスクリーンセーバーでパソコンを保護すること。",
    },
    {
      title: {
        en: "Manager's approval to connect PCs, servers or network devices to the internal network",
        ja: "社内ネットワーク接続時の管理者承認",
      },
      text: "PC やサーバ、ネットワーク機器を社内ネットワークに接続する場合は、機密情報管理者の承認を得ること。",
      kind: "partial",
      checkedBy: {
        en: "As NIC-1-4-4-9: no user can join computers to the domain without an administrator",
        ja: "NIC-1-4-4-9 と同じ: 管理者を通さずにコンピューターをドメインに参加させられないこと",
      },
    },
    {
      title: {
        en: "Review access rights periodically and remove unneeded ones",
        ja: "アクセス権の定期見直しと不要な権限の削除",
      },
      text: "従業者への機密情報アクセス権の付与状況を定期的に見直し、必要のないアクセス権を削除すること。",
      kind: "auto",
      checkedBy: {
        en: "Stale accounts, unused keys, leavers",
        ja: "長期間使われていないアカウント・未使用のアクセスキー・離任者の検出",
      },
    },
    {
      // The seed has an empty ◇ here. It keeps its number (7) so that the remote diagnostic port items are
      // 8 and 9; with nothing to quote, `text` is the heading of section 4.1.
      title: { en: "(empty item in the source)", ja: "（原文では空欄の項目）" },
      text: "機密情報へのアクセスを制限するために、利用者 ID の管理（パスワードの管理など） を行う",
    },
    {
      title: {
        en: "Remote diagnostic ports used only when needed (e.g. maintenance support)",
        ja: "遠隔診断ポートの利用を必要な場合に限定",
      },
      text: "遠隔診断ポートの利用は、保守サポートなどの必要な場合のみに限定すること。",
      kind: "auto",
      checkedBy: {
        en: "SSH/RDP not open to the internet",
        ja: "SSH・RDP がインターネットに開いていないこと",
      },
    },
    {
      title: {
        en: "Remote connections through diagnostic ports authenticated (authentication, call-back)",
        ja: "遠隔診断ポート接続の認証等のセキュリティ対策",
      },
      text: "遠隔診断ポートを利用した接続は、認証機能やコールバック機能等を備えるなど、適切なセキュリティ対策を施すこと。",
      kind: "auto",
      checkedBy: {
        en: "As IPA-4.1-8 (SSH/RDP not open to the internet), plus MFA",
        ja: "IPA-4.1-8 と同じ（SSH・RDP がインターネットに開いていないこと）に加え、MFA",
      },
    },
  ]),
  ...annexSection(
    "5.1",
    {
      ja: "機密情報漏えいが判明した時に、状況を把握し委託元にすみやかに報告する",
      en: "When a leak of confidential information comes to light, grasp the situation and report to the client promptly",
    },
    [
      {
        title: {
          en: "Leak-response organisation and contact list, known to all personnel",
          ja: "漏えい時の体制・連絡網の整備と周知",
        },
        text: "機密情報漏えい発生時の体制および連絡網を整備し、すべての従事者に周知すること。",
      },
      {
        title: {
          en: "Report actual or suspected leaks to the manager promptly",
          ja: "漏えい（疑い含む）の管理者への速やかな報告",
        },
        text: "機密情報漏えいが発生した場合、漏えいの発生が疑われる場合、または漏えいに至る可能性のある問題が発見された場合には、すみやかに機密情報管理者に報告すること。",
      },
      {
        title: {
          en: "Report such problems to the client promptly",
          ja: "委託元への速やかな報告",
        },
        text: "機密情報について上記の問題が発生した場合、すみやかに委託元に報告すること。",
      },
      {
        title: {
          en: "Agree recurrence prevention with the client and inform personnel",
          ja: "委託元との再発防止策の協議と従事者への周知",
        },
        text: "機密情報漏えいが発生した場合には、委託元と再発防止策を協議し、従事者に周知すること。",
      },
    ],
  ),
];

export const ipaControls: readonly Control[] = [...modelClause, ...subcontractClause, ...annex];
