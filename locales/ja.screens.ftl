# 起動後の画面のテキスト (docs/i18n.md)。起動時のテキストは ja.ftl にあります。

-app = Soft Token

## 設定 → 言語

language-heading = 言語
language-label = { -app } の言語
language-explained = ここで選ぶまで、{ -app } はブラウザーの言語で表示されます。
language-of-browser = ブラウザーの言語
language-not-loaded = この言語をダウンロードできませんでした。インターネットに接続してから、もう一度選んでください。

## 発行元の手順: 再アクティベート、アクティベート、登録コード

reactivate-title = { $name } を再アクティベートしますか?
reactivate-warning = 再アクティベートすると、このソフトトークン ID のデータがこのデバイスから消去され、コードは使えなくなります。もう一度アクティベートするには、セルフサービスモジュールから新しいシリアル番号とアクティベーションコードを受け取る必要があります。
reactivate = 再アクティベート
activate-new-heading = ソフトトークン ID をアクティベート
activate-heading = { $name } をアクティベート
activate-intro = セルフサービスモジュールに表示されたシリアル番号とアクティベーションコードを入力し、「保存」を押してください。安全なアクティベーションリンクを貼り付けることもできます。
activate-link-intro = これは安全なアクティベーションリンクです。別途受け取ったアクティベーションパスワードを入力してください。
activate-link-password = アクティベーションパスワード
activate-open-link = リンクを開く
activate-name = 名前
activate-name-missing = このソフトトークン ID の名前を入力してください (例: 銀行名)。
serial-number = シリアル番号
activation-code = アクティベーションコード
save = 保存
registration-heading = 登録コード
registration-explained = アクティベーションを完了するには、この登録コードをセルフサービスに入力してください
done = 完了
