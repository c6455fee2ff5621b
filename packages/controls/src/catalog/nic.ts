import type { Control } from "../types";

/*
 * Catalog of the special terms 機密情報保持に関する特約 (seed 001_5214e158928c9705.txt), document "NIC".
 *
 * Ids follow NIC-<section>-<subsection>-<item>: 1-4(2)② is NIC-1-4-2-2. Where /work/shared/CONTROLS.md
 * groups a clause into one control (1-2(3), 1-2(4), 1-2(6), 1-3, 1-6, 1-7) the catalog does the same and
 * quotes the whole clause. `text` is quoted verbatim from the seed; line breaks and list markers ("- ")
 * of the seed are collapsed to single spaces (see catalog.test.ts).
 *
 * 1-3 and 1-4 apply only to rooms and systems the vendor (乙) owns: the seed says
 * "(甲の管理下にある居室は対象外となります。)" and "(甲の管理下にある情報システム・ネットワークは対象外となります。)".
 */

const MGMT = { ja: "情報管理方法について", en: "Information management methods" };
const HANDLING = { ja: "情報の取扱い", en: "Handling of information" };
const USE = { ja: "利用", en: "Use" };
const SYSTEMS = { ja: "情報システムの管理", en: "Information system management" };
const ACCESS = { ja: "アクセス管理", en: "Access management" };
const LOGS = { ja: "ログ管理", en: "Log management" };
const TERMINALS = { ja: "端末管理", en: "Terminal management" };
const EXTERNAL = {
  ja: "外部からの不正アクセス対策",
  en: "Protection against unauthorised access from outside",
};

export const nicControls: readonly Control[] = [
  {
    id: "NIC-1-1",
    document: "NIC",
    clause: "1-1",
    section: MGMT,
    title: { en: "One person responsible for the information", ja: "情報管理責任者の明確化" },
    text: "下記 1-2～1-8 の 甲又は甲顧客セキュリティ要求事項を理解し、情報の受領・作成～保管～破棄迄、一元的に管理する責任者を設置すること。",
    kind: "partial",
    checkedBy: {
      en: "Roster has exactly one current manager",
      ja: "従事者台帳に現任の管理責任者（manager）がちょうど1名いること",
    },
  },
  {
    id: "NIC-1-2-1",
    document: "NIC",
    clause: "1-2(1)",
    section: HANDLING,
    title: { en: "Record receipt and creation of information", ja: "受領・作成時の記録" },
    text: "情報（電子ファイル、紙媒体）の受領・作成時に記録を取ること。",
    kind: "manual",
  },
  {
    id: "NIC-1-2-2-1",
    document: "NIC",
    clause: "1-2(2)①",
    section: USE,
    title: { en: "Only the contract's personnel use the information", ja: "利用者を業務従事者に限定" },
    text: "情報の利用者は、本契約の業務従事者に限定すること。",
    kind: "auto",
    checkedBy: {
      en: "Every account maps to a current roster person",
      ja: "すべてのアカウントが従事者台帳の現任者に対応していること",
    },
  },
  {
    id: "NIC-1-2-2-2",
    document: "NIC",
    clause: "1-2(2)②",
    section: USE,
    title: { en: "No non-company devices or storage media", ja: "会社資産以外の端末・記録媒体の使用禁止" },
    text: "会社資産以外の端末（私有PC、ネットカフェのPCなど）・記録媒体（HDD、CD、MO、FD、USBメモリなど。以下同様）を用いて、情報の取扱いは行わないこと。",
    kind: "manual",
  },
  {
    id: "NIC-1-2-3",
    document: "NIC",
    clause: "1-2(3)",
    section: HANDLING,
    title: {
      en: "Distribution: records, encrypted e-mail attachments, fax misdial prevention",
      ja: "配布時の記録・メール添付の暗号化・FAX誤送信対策",
    },
    text: "①情報（電子ファイル、紙媒体）の配布時に記録を取ること。 ②情報を電子メールで送信する場合は、以下を遵守すること。 ・情報を本文に記載しないこと。 ・情報を添付する場合は、暗号化を実施すること（ファイルを添付したメールに復号鍵を記載しないこと）。 ③情報をFAXで送信する場合は、リダイヤル機能、短縮ダイヤル等の利用による誤送信対策を実施すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-2-4",
    document: "NIC",
    clause: "1-2(4)",
    section: HANDLING,
    title: {
      en: "Taking information out: forbidden in principle; minimal, approved, recorded and encrypted when unavoidable",
      ja: "持ち出しの原則禁止と、やむを得ない場合の遵守事項",
    },
    text: "①原則禁止とすること。 ②真に止むを得ない理由により、情報を持ち出す場合は、以下を遵守すること。 ・持ち出す必要のある必要最低限の情報に限定すること。 ・1項で定めた情報管理責任者の承認を得ること。 ・持ち出し及び返却の記録を取ること。 ・電子ファイルとして持ち出す場合は、暗号化等のセキュリティ対策を実施すること。 ・情報の入った端末（PC、スマートフォンなど）・記録媒体は携帯すること（端末・記録媒体の入った鞆を電車の網棚に置かない、店の席に置いて席を離れない等）。",
    kind: "manual",
  },
  {
    id: "NIC-1-2-5",
    document: "NIC",
    clause: "1-2(5)",
    section: HANDLING,
    title: { en: "Store where only the personnel can touch it", ja: "関係者以外が触れられない場所での保管" },
    text: "情報を記録する記録媒体や紙媒体は、関係者以外触れることが出来ないよう、施錠された書庫等に保管すること。",
    kind: "partial",
    checkedBy: {
      en: "Confidential buckets: public access blocked, encrypted",
      ja: "機密情報を置くバケットのパブリックアクセスがブロックされ、暗号化されていること",
    },
  },
  {
    id: "NIC-1-2-6",
    document: "NIC",
    clause: "1-2(6)",
    section: HANDLING,
    title: {
      en: "Return or destroy when no longer needed, irrecoverably, with records",
      ja: "不要時の返却・破棄と記録",
    },
    text: "①情報は、本契約の業務上不要になった時点で破棄もしくは甲へ返却し、その記録を取ること。 ②情報を破棄する場合は、 ・紙媒体は、細断、溶解等により復元できないようにして破棄すること。 ・電子データは消去用専用ソフトウェア等で復元できないように削除すること。 ・電子データを記録した媒体、機器は破壊等によりデータが読み取れないようにして破棄すること",
    kind: "manual",
  },
  {
    id: "NIC-1-3",
    document: "NIC",
    clause: "1-3",
    section: MGMT,
    title: {
      en: "Rooms handling the information: minimal, always locked, entry rights minimal and revoked, no private devices",
      ja: "情報を取扱う居室のセキュリティ対策",
    },
    text: "(甲の管理下にある居室は対象外となります。) (1)居室管理 情報を取扱う居室は、本契約の業務上必要最低限に限定すること。 (2)アクセス管理 ①常時施錠すること。 ②入退室権限は、本契約の業務上必要最低限の人員に付与すること。 ③不要となった入退室権限は、直ちに停止すること（退職、異動、休職など）。 ④不要な入退室権限が残っていないことを、定期的に確認すること。 ⑤共連れ防止対策（アンチパスバック、監視カメラなど）の導入が望ましい。 (3)持込管理 ①会社資産以外の端末（PC など）・記録媒体の持込みを禁止すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-1-1",
    document: "NIC",
    clause: "1-4(1)①",
    section: SYSTEMS,
    title: {
      en: "Inventory of information systems, their managers and users' roles",
      ja: "情報システムの目録と管理責任者・利用者の役割",
    },
    text: "業務に関連する情報システムの目録を維持・管理し、情報システムの管理責任者、情報システム利用者の役割を明らかにすること。",
    kind: "partial",
    checkedBy: {
      en: "AWS Config records every resource; instances in the confidential subnets are Systems Manager-managed (who manages each system and users' roles stay attested)",
      ja: "AWS Config がすべてのリソースを記録し、機密サブネットのインスタンスが Systems Manager の管理下にあること（各システムの管理責任者と利用者の役割は申告で確認）",
    },
  },
  {
    id: "NIC-1-4-1-2",
    document: "NIC",
    clause: "1-4(1)②",
    section: SYSTEMS,
    title: { en: "Patch vulnerabilities promptly", ja: "脆弱性へのパッチ適用等の速やかな実施" },
    text: "情報システムへの脆弱性対策として、必要に応じパッチ適用等の対応を速やかに実施すること。",
    kind: "partial",
    checkedBy: {
      en: "Systems Manager patch compliance of managed instances (systems outside Systems Manager stay attested)",
      ja: "Systems Manager 管理対象インスタンスのパッチ適用状況（管理対象外のシステムは申告で確認）",
    },
  },
  {
    id: "NIC-1-4-2-1",
    document: "NIC",
    clause: "1-4(2)①",
    section: ACCESS,
    title: {
      en: "Accounts, privileged ones included, only for the minimum personnel",
      ja: "アカウント（特権含む）を必要最低限の人員に付与",
    },
    text: "アカウント（特権アカウント含む）は、本契約の業務上必要最低限の人員に付与すること。",
    kind: "auto",
    checkedBy: {
      en: "Privileged IAM principals, Identity Center administrator assignments and AD privileged groups are a subset of roster persons whose role allows it",
      ja: "特権を持つ IAM プリンシパル、IAM Identity Center の管理者権限の割り当て、AD 特権グループのメンバーが、役割上許可された従事者台帳の人員に限られること",
    },
  },
  {
    id: "NIC-1-4-2-2",
    document: "NIC",
    clause: "1-4(2)②",
    section: ACCESS,
    title: { en: "One account per individual", ja: "アカウントの個人単位付与" },
    text: "アカウントは、個人単位に付与すること。",
    kind: "auto",
    checkedBy: {
      en: "Shared/generic accounts, one account used by several roster persons, accounts (IAM, AD, Identity Center) with no owner",
      ja: "共有・汎用アカウント、複数の従事者が使う一つのアカウント、所有者のいないアカウント（IAM・AD・IAM Identity Center）の検出",
    },
  },
  {
    id: "NIC-1-4-2-3",
    document: "NIC",
    clause: "1-4(2)③",
    section: ACCESS,
    title: {
      en: "Minimal scope of operations on the information (read, write, update, print)",
      ja: "情報の操作範囲を必要最低限に限定",
    },
    text: "情報の操作（閲覧、書き出し、更新、印刷など）をできる範囲は、本契約の業務上必要最低限に限定すること。",
    kind: "auto",
    checkedBy: {
      en: "Admin / wildcard policies, policies attached directly to users, privilege escalation",
      ja: "管理者権限・ワイルドカードのポリシー、ユーザーへの直接アタッチ、権限昇格の検出",
    },
  },
  {
    id: "NIC-1-4-2-4",
    document: "NIC",
    clause: "1-4(2)④",
    section: ACCESS,
    title: {
      en: "Disable unneeded accounts immediately (leavers, transfers, leave)",
      ja: "不要アカウントの即時停止",
    },
    text: "不要となったアカウントは、直ちに停止すること（退職、異動、休職など）。",
    kind: "auto",
    checkedBy: {
      en: "Roster leavers still enabled (IAM, AD) or still enabled or assigned (Identity Center); stale console logins, access keys and AD logons",
      ja: "従事者台帳上の離任者で有効なまま（IAM Identity Center では有効または割り当てが残ったまま）のアカウント、長期間使われていないコンソール・アクセスキー・AD ログオン",
    },
  },
  {
    id: "NIC-1-4-2-5",
    document: "NIC",
    clause: "1-4(2)⑤",
    section: ACCESS,
    title: {
      en: "Check periodically (at least yearly) that no unneeded account remains",
      ja: "不要アカウントが残っていないことの定期確認",
    },
    text: "不要なアカウントが残っていないことを、定期的（1回／年以上が望ましい）に確認すること。",
    kind: "partial",
    checkedBy: {
      en: "The scan history: date of the last full account review",
      ja: "スキャン履歴: 直近の全アカウント棚卸しの日付",
    },
  },
  {
    id: "NIC-1-4-3-1",
    document: "NIC",
    clause: "1-4(3)①",
    section: LOGS,
    title: {
      en: "Collect access (login/logout) logs; operation logs desirable",
      ja: "アクセスログの取得（操作ログも望ましい）",
    },
    text: "アクセス（ログイン・ログアウト）ログを取得すること（操作[閲覧、書き出し、更新、印刷など]ログも取得することが望ましい）。",
    kind: "auto",
    checkedBy: {
      en: "CloudTrail on, multi-region, management events read+write",
      ja: "CloudTrail が有効・マルチリージョンで、管理イベントの読み取り・書き込みを記録していること",
    },
  },
  {
    id: "NIC-1-4-3-2",
    document: "NIC",
    clause: "1-4(3)②",
    section: LOGS,
    title: { en: "Keep access logs for a set period", ja: "アクセスログの一定期間保管" },
    text: "アクセスログを一定期間保管すること。",
    kind: "auto",
    checkedBy: {
      en: "CloudTrail bucket lifecycle / Object Lock / CloudWatch Logs retention of at least N days",
      ja: "CloudTrail バケットのライフサイクル・Object Lock、CloudWatch Logs の保持期間が N 日以上であること",
    },
  },
  {
    id: "NIC-1-4-3-3",
    document: "NIC",
    clause: "1-4(3)③",
    section: LOGS,
    title: {
      en: "Review access logs periodically for unauthorised logins",
      ja: "不正ログインの形跡の定期確認",
    },
    text: "不正なログインの形跡が無いか、アクセスログを定期的に確認すること。",
    kind: "auto",
    checkedBy: {
      en: "The access-log audit (`itaku audit`) and its dated access review: failed sign-ins and spraying, sign-ins without MFA, root, leavers, principals that are no one, sign-ins from outside the allowed networks or new addresses, off-hours work, log tampering, privilege changes, unapproved accounts, confidential data access (the access-* detections); where the vendor reviews through alarms, the CIS 4.x chain of CloudTrail → CloudWatch Logs metric filter → alarm → subscribed SNS topic (logging-cis-metric-alarms)",
      ja: "アクセスログ監査（`itaku audit`）と日付入りのアクセスレビュー：サインイン失敗とスプレー、MFA なしのサインイン、ルート、離任者、誰にも対応しないプリンシパル、許可外・新規の送信元、時間外作業、ログ改ざん、権限変更、未承認アカウント、機密データへのアクセス（access-* の検出）。アラームで確認する委託先では、CIS 4.x の CloudTrail → CloudWatch Logs メトリクスフィルター → アラーム → 購読者のいる SNS トピックの連鎖（logging-cis-metric-alarms）",
    },
  },
  {
    id: "NIC-1-4-4-1",
    document: "NIC",
    clause: "1-4(4)①",
    section: TERMINALS,
    title: {
      en: "Minimum number of terminals handling the information",
      ja: "情報を取扱う端末を必要最低限に限定",
    },
    text: "情報を取扱う端末（PC、スマートフォンなど）は、本契約の業務上必要最低限に限定すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-4-2",
    document: "NIC",
    clause: "1-4(4)②",
    section: TERMINALS,
    title: { en: "Logon authentication", ja: "ログオン認証機能の導入" },
    text: "ログオン認証機能を導入すること。",
    kind: "partial",
    checkedBy: {
      en: "MFA for console users; AD accounts that need no password; smart-card logon where the configuration asks for it",
      ja: "コンソールユーザーの MFA、パスワード不要の AD アカウントの検出、設定で求める場合のスマートカードログオン",
    },
  },
  {
    id: "NIC-1-4-4-3",
    document: "NIC",
    clause: "1-4(4)③",
    section: TERMINALS,
    title: {
      en: "Password-protected screen saver (5 minutes or less desirable)",
      ja: "認証機能付きスクリーンセーバの設定",
    },
    text: "認証機能付きスクリーンセーバを設定すること（スクリーンセーバの起動までの時間は5分以下が望ましい）。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-4-4",
    document: "NIC",
    clause: "1-4(4)④",
    section: TERMINALS,
    title: {
      en: "Supported OS and applications, versions and patches managed",
      ja: "サポート中の OS・アプリケーションとパッチ管理",
    },
    text: "OS・アプリケーションはサポートが終了しておらず、バージョンやパッチ適用を適切に管理すること。",
    kind: "partial",
    checkedBy: {
      en: "Patch compliance of managed instances; domain computers on a Windows release past its end of support (other OS and applications stay attested)",
      ja: "管理対象インスタンスのパッチ適用状況、サポート終了済みの Windows で動くドメインのコンピューター（その他の OS・アプリケーションは申告で確認）",
    },
  },
  {
    id: "NIC-1-4-4-5",
    document: "NIC",
    clause: "1-4(4)⑤",
    section: TERMINALS,
    title: { en: "No file-sharing software", ja: "ファイル共有ソフトウェアの使用禁止" },
    text: "情報漏えいが懸念されるファイル共有ソフトウェア（Winny、Share、WinMX など）の使用はしないこと（系統的にファイル共有ソフトウェアの起動を阻止するのが望ましい）。",
    kind: "partial",
    checkedBy: {
      en: "Installed applications of managed instances against the forbidden list (Systems Manager inventory)",
      ja: "管理対象インスタンスのインストール済みアプリケーションを禁止リストと照合（Systems Manager インベントリ）",
    },
  },
  {
    id: "NIC-1-4-4-6",
    document: "NIC",
    clause: "1-4(4)⑥",
    section: TERMINALS,
    title: {
      en: "Terminals used daily for the information are not taken out",
      ja: "日常的に使う端末の持ち出し禁止",
    },
    text: "日常的に情報を取扱っている端末(PC など)の持ち出しは禁止すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-4-7",
    document: "NIC",
    clause: "1-4(4)⑦",
    section: TERMINALS,
    title: {
      en: "Lock laptops away when leaving the desk for long",
      ja: "ノート型端末の離席時の施錠保管",
    },
    text: "ノート型の端末（PC など）は、長時間席を離れる場合（退社、外出など）、必ず施錠保管すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-4-8",
    document: "NIC",
    clause: "1-4(4)⑧",
    section: TERMINALS,
    title: { en: "Limit writing to storage media", ja: "記録媒体への書き出しの制限" },
    text: "記録媒体への書き出しは本契約の業務上必要最低限に制限すること(系統的な制限を設けることが望ましい）。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-4-9",
    document: "NIC",
    clause: "1-4(4)⑨",
    section: TERMINALS,
    title: {
      en: "Refuse non-company terminals on the internal network",
      ja: "会社資産以外の端末の社内ネットワーク接続拒否",
    },
    text: "会社資産以外の端末（PC、スマートフォンなど）の社内ネットワークへの接続を系統的に拒否することが望ましい。",
    kind: "partial",
    checkedBy: {
      en: "Only administrators can join computers to the domain (ms-DS-MachineAccountQuota 0); other network admission stays attested",
      ja: "ドメインへのコンピューター参加は管理者のみ（ms-DS-MachineAccountQuota が 0）であること（その他のネットワーク接続制御は申告で確認）",
    },
  },
  {
    id: "NIC-1-4-4-10",
    document: "NIC",
    clause: "1-4(4)⑩",
    section: TERMINALS,
    title: {
      en: "Refuse non-company storage media on terminals",
      ja: "会社資産以外の記録媒体の端末接続拒否",
    },
    text: "会社資産以外の記録媒体の端末（PC、スマートフォンなど）への接続を系統的に拒否することが望ましい。",
    kind: "manual",
  },
  {
    id: "NIC-1-4-5-1",
    document: "NIC",
    clause: "1-4(5)①",
    section: EXTERNAL,
    title: {
      en: "Firewall / IPS at the internet edge; keep and review its logs",
      ja: "ファイヤーウォール・IPS の導入とログの保管・確認",
    },
    text: "外部ネットワーク（インターネット等）と接続する場合は、ファイヤーウォール、IPS などを導入し、以下を遵守すること。 ・ファイヤーウォール、IPS などのログを一定期間保管すること。 ・不正アクセスの形跡が無いか、ファイヤーウォール、IPS などのログを定期的に確認すること。",
    kind: "auto",
    checkedBy: {
      en: "VPC flow logs (ALL) and Network Firewall alert+flow logs, retention of at least N days; no admin ports open to the internet; the review part: the access-log audit flags flow logs or firewall logging deleted and retention shortened (access-log-tampering)",
      ja: "VPC フローログ（ALL）と Network Firewall のアラート・フローログが N 日以上保持されていること、管理用ポートがインターネットに開いていないこと。確認の部分：アクセスログ監査がフローログ・ファイアウォールのログ設定の削除と保持期間の短縮を検出する（access-log-tampering）",
    },
  },
  {
    id: "NIC-1-4-5-2",
    document: "NIC",
    clause: "1-4(5)②",
    section: EXTERNAL,
    title: {
      en: "Anti-virus with current definitions, real-time and periodic full scans",
      ja: "ウィルス対策ソフトの導入と運用",
    },
    text: "端末（PC など）には、ウィルス対策ソフトを導入し、以下を遵守すること。 ・ウィルス定義ファイルは常に最新の状態にすること。 ・リアルタイム検査を行うこと。 ・保存されている全てのファイルに対する検査を定期的に行うこと。",
    kind: "partial",
    checkedBy: {
      en: "An anti-virus product is installed on every managed instance (definitions and scan schedules stay attested)",
      ja: "すべての管理対象インスタンスにウイルス対策ソフトが導入されていること（定義ファイルと検査スケジュールは申告で確認）",
    },
  },
  {
    id: "NIC-1-4-5-3",
    document: "NIC",
    clause: "1-4(5)③",
    section: EXTERNAL,
    title: {
      en: "External traffic through a proxy or gateway, its logs kept",
      ja: "Proxy・ゲートウェイ経由の外部通信と通信ログの保管",
    },
    text: "外部との通信は、Proxy またはゲートウェイサーバ経由で行い、その通信ログを一定期間保管することが望ましい。",
    kind: "auto",
    checkedBy: {
      en: "No direct route to the internet from confidential subnets; egress only to the proxy; proxy logs retained",
      ja: "機密情報を扱うサブネットからインターネットへの直接経路がなく、外向き通信は Proxy 宛てのみで、Proxy のログが保持されていること",
    },
  },
  {
    id: "NIC-1-5",
    document: "NIC",
    clause: "1-5",
    section: MGMT,
    title: { en: "Care of lent equipment", ja: "貸与物の管理" },
    text: "甲又は甲顧客から乙に貸与した端末（PC、スマートフォンなど）・記録媒体、入館証・事務所内キャビネット及び、ロッカーの鍵などは、常に貸与品を善良な管理者の注意をもって使用し、保管しなければならない。飲酒又は、飲酒が想定される場面においては、貸与物を帯同せずオフィス、自宅等において保管しなければならない。",
    kind: "manual",
  },
  {
    id: "NIC-1-6",
    document: "NIC",
    clause: "1-6",
    section: MGMT,
    title: {
      en: "Personnel told the terms before work starts and periodically",
      ja: "業務従事者への周知",
    },
    text: "(1)「情報管理方法（機密情報保持に関する特約事項）」を本契約の業務開始前に業務従事者に周知・認識させること。 (2)「情報管理方法（機密情報保持に関する特約事項）」を業務従事者に定期的に周知・認識させること。",
    kind: "partial",
    checkedBy: {
      en: "Roster briefed_at within the period",
      ja: "従事者台帳の briefed_at（周知日）が所定期間内であること",
    },
  },
  {
    id: "NIC-1-7",
    document: "NIC",
    clause: "1-7",
    section: MGMT,
    title: {
      en: "Subcontractors: minimum disclosure, equivalent terms, briefed, checked, passed down",
      ja: "委託先（乙の委託先）の管理",
    },
    text: "(1) 情報を委託先に開示する場合は、業務を遂行する上で必要最低限の範囲に限定すること。 (2)「情報管理方法（機密情報保持に関する特約事項）」と同等の契約を委託先と締結すること。 (3)「情報管理方法（機密情報保持に関する特約事項）」を本契約の業務開始前に委託先に周知・認識させること。 (4)「情報管理方法（機密情報保持に関する特約事項）」が遵守されていることを定期的に確認すること。 (5)乙の委託先が更に第三者に再委託する場合、乙は乙の委託先に対して「情報管理方法（機密情報保持に関する特約事項）」と同等の契約を当該第三者と締結する旨の義務を課すこと。",
    kind: "partial",
    checkedBy: {
      en: "IAM roles trusting other AWS accounts and AD trusts letting other domains in must be listed as approved subcontractors; AD trusts filter the partner's SIDs",
      ja: "他の AWS アカウントを信頼する IAM ロールと、他のドメインを受け入れる AD の信頼は、承認済みの再委託先として登録されていること。AD の信頼で相手の SID をフィルタリングしていること",
    },
  },
  {
    id: "NIC-1-8",
    document: "NIC",
    clause: "1-8",
    section: MGMT,
    title: { en: "Report incidents promptly", ja: "インシデントの報告" },
    text: "インシデント（情報の漏えい、紛失、盗難など）が発生した場合は、速やかに報告すること。",
    kind: "manual",
  },
  {
    id: "NIC-1-9",
    document: "NIC",
    clause: "1-9",
    section: MGMT,
    title: {
      en: "Client may request reports and audit on site; vendor cooperates and remedies",
      ja: "監査",
    },
    text: "甲は、乙による本特約の遵守状況を確認するため、乙に対して随時報告または乙（再委託がある場合は乙の委託先を含む。）事業所への立ち入り監査をすることを求めることができるものとし、監査に際して、乙は合理的な範囲で協力するものとする。また、報告・監査の結果、本特約の遵守状況につき改善要求が甲からあった場合、乙はこれにすみやかに従うものとする。",
    kind: "manual",
  },
];
