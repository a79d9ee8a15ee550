# Soft Token بالعربية (المصدر: en.ftl؛ docs/i18n.md). تتبع مصطلحات الجهة
# المُصدِرة تسمية Entrust: الرقم التسلسلي، رمز التنشيط، رمز التسجيل، إعادة التنشيط.
# تُكتب الواجهة من اليمين إلى اليسار، وتبقى الرموز والأرقام التسلسلية من اليسار إلى اليمين.

-app = Soft Token

## البدء

app-opening = جارٍ الفتح…
app-reload = إعادة التحميل

## شاشة رمز PIN: قاعدة الأيام السبعة في Safari

safari-heading = أضِف { -app } إلى الشاشة الرئيسية
safari-risk = في Safari، وفي كل متصفح على iPhone أو iPad، قد تُحذف رموزك المميزة بعد سبعة أيام دون زيارة.
safari-keep = للاحتفاظ بها، اضغط على «مشاركة» ثم «إضافة إلى الشاشة الرئيسية»، وافتح { -app } من هناك. واحتفظ أيضًا بنسخة احتياطية: الإعدادات، ثم النسخ الاحتياطية.

## شاشة رمز PIN: تخزين حذفه المتصفح

storage-lost-heading = لم تعد الرموز المميزة المحفوظة في هذا المتصفح موجودة.
storage-lost-body = حذف المتصفح تخزين { -app } (تفعل المتصفحات ذلك عندما تقل المساحة، أو عند مسح بيانات المواقع). إن كان لديك ملف نسخة احتياطية، فاختر «الاستعادة من نسخة احتياطية». وإلا فأضِف رموزك المميزة من جديد من حساباتك أو من الجهة المُصدِرة.

## شاشة رمز PIN: إنشاء رمز PIN

create-heading-restore = الاستعادة من نسخة احتياطية
create-heading-pin = إنشاء رمز PIN
create-heading-password = إنشاء كلمة مرور
create-intro-restore-pin = اختر أولًا رمز PIN لـ { -app } في هذا المتصفح. بعد ذلك تفتح ملف النسخة الاحتياطية وتختار ما تريد استعادته.
create-intro-restore-password = اختر أولًا كلمة مرور لـ { -app } في هذا المتصفح. بعد ذلك تفتح ملف النسخة الاحتياطية وتختار ما تريد استعادته.
create-intro-pin = يحمي رمز PIN هويات الرمز المميز البرمجي على هذا الجهاز. استخدم من { $min } إلى { $max } أرقام؛ والرقم 6 اختيار جيد.
create-intro-password = تحمي كلمة المرور هويات الرمز المميز البرمجي على هذا الجهاز. استخدم من { $min } إلى { $max } حرفًا؛ فبضع كلمات لا رابط بينها سهلة التذكر وصعبة التخمين.
pin-label = رمز PIN
password-label = كلمة المرور
pin-again-label = أدخل رمز PIN مرة أخرى
password-again-label = أدخل كلمة المرور مرة أخرى
create-busy = جارٍ الإنشاء…
create-pin-and-restore = إنشاء رمز PIN وفتح نسخة احتياطية
create-password-and-restore = إنشاء كلمة المرور وفتح نسخة احتياطية
create-pin = إنشاء رمز PIN
create-password = إنشاء كلمة المرور
use-pin-instead = استخدام رمز PIN بدلًا من ذلك
use-password-instead = استخدام كلمة مرور بدلًا من ذلك
start-without-backup = البدء دون نسخة احتياطية
restore-from-backup = الاستعادة من نسخة احتياطية

## شاشة رمز PIN: إدخال رمز PIN

unlock-heading-pin = أدخل رمز PIN
unlock-heading-password = أدخل كلمة المرور
unlock-passkey-too = ثم استخدم مفتاح المرور: لا يُفتح { -app } إلا بالاثنين معًا.
unlock-locked-out = أُدخلت رموز PIN خاطئة كثيرة. حاول مرة أخرى بعد { $time }.
unlock-waiting-for-passkey = في انتظار مفتاح المرور…
unlock-busy = جارٍ إلغاء القفل…
unlock = إلغاء القفل
cancel = إلغاء
forgot-pin = هل نسيت رمز PIN؟
forgot-password = هل نسيت كلمة المرور؟
unlock-with-passkey = إلغاء القفل بمفتاح مرور

## رموز PIN وكلمات المرور الخاطئة

wrong-pin = رمز PIN هذا غير صحيح. { $attempts ->
        [zero] لم تتبقَّ أي محاولة.
        [one] تبقّت محاولة واحدة.
        [two] تبقّت محاولتان.
        [few] تبقّت { $attempts } محاولات.
       *[other] تبقّت { $attempts } محاولة.
    }
wrong-password = كلمة المرور هذه غير صحيحة. { $attempts ->
        [zero] لم تتبقَّ أي محاولة.
        [one] تبقّت محاولة واحدة.
        [two] تبقّت محاولتان.
        [few] تبقّت { $attempts } محاولات.
       *[other] تبقّت { $attempts } محاولة.
    }
wrong-pin-locked-out = رمز PIN هذا غير صحيح. أُدخلت رموز PIN خاطئة كثيرة: انتظر حتى ينتهي العد التنازلي.
locked-out = أُدخلت رموز PIN خاطئة كثيرة. انتظر حتى ينتهي العد التنازلي.
pins-differ = رمزا PIN غير متطابقين. أدخلهما مرة أخرى.
passwords-differ = كلمتا المرور غير متطابقتين. أدخلهما مرة أخرى.

## في كل مكان

settings = الإعدادات
lock = قفل
update-ready = إصدار جديد جاهز
page-not-found = هذه الصفحة غير موجودة.

## كلمة مرور جديدة: قوتها

strength-too-short = قصيرة جدًا: استخدم { $minimum ->
        [few] { $minimum } أحرف
       *[other] { $minimum } حرفًا
    } على الأقل.
strength-fair = مقبولة: كلمة مرور أطول، أو بضع كلمات لا رابط بينها، أقوى.
strength-strong = قوية.
