# Soft Token 日本語 (元: en.ftl、docs/i18n.md)。発行元の用語は Entrust に
# 合わせる: シリアル番号、アクティベーションコード、登録コード、再アクティベート。

-app = Soft Token

## 起動

app-opening = 開いています…
app-reload = 再読み込み

## PIN 画面: Safari の 7 日間ルール

safari-heading = { -app } をホーム画面に追加してください
safari-risk = Safari、および iPhone や iPad のすべてのブラウザでは、7 日間アクセスがないとトークンが削除されることがあります。
safari-keep = 残しておくには、「共有」をタップしてから「ホーム画面に追加」をタップし、そこから { -app } を開いてください。バックアップも作成してください: 「設定」から「バックアップ」へ。

## PIN 画面: ブラウザーが削除したストレージ

storage-lost-heading = このブラウザーに保存されていたトークンが見つかりません。
storage-lost-body = ブラウザーが { -app } のストレージを削除しました (空き容量が少ないときや、サイトデータが消去されたときにブラウザーが行います)。バックアップファイルがある場合は「バックアップから復元」を選んでください。ない場合は、各アカウントまたは発行元からトークンを追加し直してください。

## PIN 画面: PIN の作成

create-heading-restore = バックアップから復元
create-heading-pin = PIN を作成
create-heading-password = パスワードを作成
create-intro-restore-pin = まず、このブラウザーの { -app } 用の PIN を決めてください。そのあとでバックアップファイルを開き、復元するものを選びます。
create-intro-restore-password = まず、このブラウザーの { -app } 用のパスワードを決めてください。そのあとでバックアップファイルを開き、復元するものを選びます。
create-intro-pin = PIN は、このデバイス上のソフトトークン ID を保護します。{ $min }〜{ $max } 桁の数字を使ってください。6 桁がおすすめです。
create-intro-password = パスワードは、このデバイス上のソフトトークン ID を保護します。{ $min }〜{ $max } 文字を使ってください。関係のない単語をいくつか並べると、覚えやすく推測されにくくなります。
pin-label = PIN
password-label = パスワード
pin-again-label = PIN をもう一度入力
password-again-label = パスワードをもう一度入力
create-busy = 作成しています…
create-pin-and-restore = PIN を作成してバックアップを開く
create-password-and-restore = パスワードを作成してバックアップを開く
create-pin = PIN を作成
create-password = パスワードを作成
use-pin-instead = 代わりに PIN を使う
use-password-instead = 代わりにパスワードを使う
start-without-backup = バックアップなしで始める
restore-from-backup = バックアップから復元

## PIN 画面: PIN の入力

unlock-heading-pin = PIN を入力してください
unlock-heading-password = パスワードを入力してください
unlock-passkey-too = 続けてパスキーを使ってください。{ -app } は両方がそろったときだけ開きます。
unlock-locked-out = 間違った PIN が多すぎます。{ $time } 後にもう一度お試しください。
unlock-waiting-for-passkey = パスキーを待っています…
unlock-busy = ロックを解除しています…
unlock = ロック解除
cancel = キャンセル
forgot-pin = PIN を忘れた場合
forgot-password = パスワードを忘れた場合
unlock-with-passkey = パスキーでロック解除

## 間違った PIN とパスワード

wrong-pin = この PIN は正しくありません。{ $attempts ->
       *[other] 残り { $attempts } 回です。
    }
wrong-password = このパスワードは正しくありません。{ $attempts ->
       *[other] 残り { $attempts } 回です。
    }
wrong-pin-locked-out = この PIN は正しくありません。間違った PIN が多すぎます。カウントダウンが終わるまでお待ちください。
locked-out = 間違った PIN が多すぎます。カウントダウンが終わるまでお待ちください。
pins-differ = 2 つの PIN が一致しません。もう一度入力してください。
passwords-differ = 2 つのパスワードが一致しません。もう一度入力してください。

## 全体

settings = 設定
lock = ロック
update-ready = 新しいバージョンの準備ができました
page-not-found = このページは存在しません。

## 新しいパスワードの強度

strength-too-short = 短すぎます。{ $minimum } 文字以上にしてください。
strength-fair = 普通です。もっと長いパスワードや、関係のない単語をいくつか並べたものの方が強くなります。
strength-strong = 強力です。
