# نصوص ما بعد البدء (docs/i18n.md)؛ نصوص البدء في ar.ftl.

-app = Soft Token

## الإعدادات ← اللغة

language-heading = اللغة
language-label = لغة { -app }
language-explained = يتبع { -app } لغة متصفحك إلى أن تختار لغة هنا.
language-of-browser = لغة المتصفح
language-not-loaded = تعذّر تنزيل هذه اللغة. اتصل بالإنترنت، ثم اخترها مرة أخرى.

## خطوات الجهة المُصدِرة: إعادة التنشيط، التنشيط، رمز التسجيل

reactivate-title = إعادة تنشيط { $name }؟
reactivate-warning = تؤدي إعادة التنشيط إلى مسح بيانات هوية الرمز المميز البرمجي هذه من هذا الجهاز، فتتوقف رموزها عن العمل. ستحتاج إلى رقم تسلسلي جديد ورمز تنشيط جديد من وحدة الخدمة الذاتية لتنشيطها مرة أخرى.
reactivate = إعادة التنشيط
activate-new-heading = تنشيط هوية رمز مميز برمجي
activate-heading = تنشيط { $name }
activate-intro = أدخل الرقم التسلسلي ورمز التنشيط المعروضين في وحدة الخدمة الذاتية، ثم اضغط «حفظ». ويمكنك أيضًا لصق رابط تنشيط آمن.
activate-link-intro = هذا رابط تنشيط آمن. أدخل كلمة مرور التنشيط التي تلقيتها بشكل منفصل.
activate-link-password = كلمة مرور التنشيط
activate-open-link = فتح الرابط
activate-name = الاسم
activate-name-missing = أدخل اسمًا لهوية الرمز المميز البرمجي هذه، مثل اسم البنك الذي تتعامل معه.
serial-number = الرقم التسلسلي
activation-code = رمز التنشيط
save = حفظ
registration-heading = رمز التسجيل
registration-explained = أدخل رمز التسجيل هذا في الخدمة الذاتية لإكمال التنشيط
done = تم
