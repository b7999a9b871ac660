#!/usr/bin/env bash
# languages.sh - every language espeak-ng speaks is read with its own voice, never English.
set -u
. "$(dirname "$0")/lib.sh" languages "${1:-build}"

# One short article per language (too short to be reclassified from its text):
# tag, the espeak-ng voice it must get, a line of news.
while IFS='|' read -r tag voice text; do
    printf 'Title: %s\nLanguage: %s\n\n%s\n' "$tag" "$tag" "$text" >"$TMP/$tag.txt"
    if "$NARRATE" script --json "$TMP/$tag.txt" >"$TMP/$tag.json" 2>"$TMP/err" &&
       [ "$(jq -r '[.language, .language_source, .espeak_voice] | join(" ")' "$TMP/$tag.json")" = \
         "$tag declared $voice" ]; then
        ok "$tag: $voice"
    else
        fail "$tag: wanted $voice" "$(jq -c '[.language, .language_source, .espeak_voice]' \
             "$TMP/$tag.json" 2>/dev/null) $(head -c 200 "$TMP/err")"
    fi
done <<'LANGS'
af|gmw/af|Die regering het vandag die begroting goedgekeur.
am|sem/am|መንግሥት ዛሬ በጀቱን አጸደቀ።
ar|sem/ar|وافقت الحكومة اليوم على الميزانية.
az|trk/az|Hökumət bu gün büdcəni təsdiqlədi.
be|zle/be|Урад сёння зацвердзіў бюджэт.
bg|zls/bg|Правителството одобри бюджета днес.
bn|inc/bn|সরকার আজ বাজেট অনুমোদন করেছে।
bs|zls/bs|Vlada je danas usvojila budžet.
ca|roa/ca|El govern ha aprovat avui el pressupost.
cs|zlw/cs|Vláda dnes schválila rozpočet.
cy|cel/cy|Cymeradwyodd y llywodraeth y gyllideb heddiw.
da|gmq/da|Regeringen vedtog i dag budgettet.
el|grk/el|Η κυβέρνηση ενέκρινε σήμερα τον προϋπολογισμό.
en-GB|gmw/en|The government approved the budget today.
eo|art/eo|La registaro hodiaŭ aprobis la buĝeton.
et|urj/et|Valitsus kiitis täna eelarve heaks.
eu|eu|Gobernuak gaur onartu du aurrekontua.
fa|ira/fa|دولت امروز بودجه را تصویب کرد.
fi|urj/fi|Hallitus hyväksyi tänään talousarvion.
ga|cel/ga|Cheadaigh an rialtas an buiséad inniu.
gu|inc/gu|સરકારે આજે બજેટ મંજૂર કર્યું.
he|sem/he|הממשלה אישרה היום את התקציב.
hi|inc/hi|सरकार ने आज बजट को मंजूरी दी।
hr|zls/hr|Vlada je danas usvojila proračun.
hu|urj/hu|A kormány ma elfogadta a költségvetést.
hy|ine/hy|Կառավարությունն այսօր հաստատեց բյուջեն։
id|poz/id|Pemerintah hari ini menyetujui anggaran.
is|gmq/is|Ríkisstjórnin samþykkti fjárlögin í dag.
it|roa/it|Il governo ha approvato oggi il bilancio.
ja|jpx/ja|政府は今日、予算を承認した。
ka|ccs/ka|მთავრობამ დღეს ბიუჯეტი დაამტკიცა.
kk|trk/kk|Үкімет бүгін бюджетті бекітті.
kn|dra/kn|ಸರ್ಕಾರ ಇಂದು ಬಜೆಟ್ ಅನುಮೋದಿಸಿತು.
ko|ko|정부는 오늘 예산안을 승인했다.
lt|bat/lt|Vyriausybė šiandien patvirtino biudžetą.
lv|bat/lv|Valdība šodien apstiprināja budžetu.
mk|zls/mk|Владата денес го одобри буџетот.
ml|dra/ml|സർക്കാർ ഇന്ന് ബജറ്റ് അംഗീകരിച്ചു.
mr|inc/mr|सरकारने आज अर्थसंकल्प मंजूर केला.
ms|poz/ms|Kerajaan meluluskan bajet hari ini.
nb|gmq/nb|Regjeringen vedtok budsjettet i dag.
ne|inc/ne|सरकारले आज बजेट पारित गर्‍यो।
nl|gmw/nl|De regering heeft vandaag de begroting goedgekeurd.
pa|inc/pa|ਸਰਕਾਰ ਨੇ ਅੱਜ ਬਜਟ ਨੂੰ ਮਨਜ਼ੂਰੀ ਦਿੱਤੀ।
pl|zlw/pl|Rząd zatwierdził dziś budżet.
pt|roa/pt|O Governo aprovou hoje o orçamento.
pt-BR|roa/pt-BR|O governo aprovou hoje o orçamento.
ro|roa/ro|Guvernul a aprobat astăzi bugetul.
ru|zle/ru|Правительство сегодня утвердило бюджет.
sk|zlw/sk|Vláda dnes schválila rozpočet.
sl|zls/sl|Vlada je danes sprejela proračun.
sq|ine/sq|Qeveria miratoi sot buxhetin.
sr|zls/sr|Влада је данас усвојила буџет.
sv|gmq/sv|Regeringen godkände i dag budgeten.
sw|bnt/sw|Serikali imeidhinisha bajeti leo.
ta|dra/ta|அரசு இன்று வரவு செலவுத் திட்டத்தை அங்கீகரித்தது.
te|dra/te|ప్రభుత్వం ఈ రోజు బడ్జెట్‌ను ఆమోదించింది.
th|tai/th|รัฐบาลอนุมัติงบประมาณวันนี้
tr|trk/tr|Hükümet bugün bütçeyi onayladı.
uk|zle/uk|Уряд сьогодні затвердив бюджет.
ur|inc/ur|حکومت نے آج بجٹ کی منظوری دے دی۔
vi|aav/vi|Chính phủ hôm nay đã thông qua ngân sách.
zh|sit/cmn|政府今天批准了预算。
zh-HK|sit/yue|政府今日通過咗預算。
LANGS

# A few of them all the way to audio: the worker selects the voice it was given.
for tag in pt-BR zh hi ru; do
    expect "$tag renders" 0 "" -- "$NARRATE" --no-cache render "$TMP/$tag.txt" -o "$TMP/$tag.wav" -q
done

# A language espeak-ng cannot speak is an error, never English audio, and leaves no file.
printf 'Title: Zut alors\nLanguage: xx\n\nText.\n' >"$TMP/xx.txt"
expect "unknown language: script" 1 "narrate: error: no voice for language 'xx' 'Zut alors'" -- \
    "$NARRATE" script "$TMP/xx.txt"
expect "unknown language: render" 1 "narrate: error: no voice for language 'xx' 'Zut alors'" -- \
    "$NARRATE" --no-cache render "$TMP/xx.txt" -o "$TMP/xx.mp3"
check "unknown language: no file left" '[ ! -e "$TMP/xx.mp3" ]'

# No language declared: told from the text; too short to tell: the voice's.
printf 'Title: Presupuesto\n\nEl Gobierno aprobó anoche el nuevo presupuesto, que prevé un aumento del gasto en sanidad y en educación pública. La oposición criticó con dureza la medida y la calificó de insuficiente.\n' >"$TMP/es.txt"
"$NARRATE" script --json "$TMP/es.txt" >"$TMP/es.json" 2>"$TMP/err"
check "detected: Spanish" '[ "$(jq -r "[.language, .language_source, .voice] | join(\" \")" "$TMP/es.json")" = "es detected es" ]' \
    "$(head -c 300 "$TMP/es.json") $(cat "$TMP/err")"
printf 'Short.\n' >"$TMP/short.txt"
"$NARRATE" script --json "$TMP/short.txt" >"$TMP/short.json" 2>"$TMP/err"
check "too short: the default" '[ "$(jq -r "[.language, .language_source, .espeak_voice] | join(\" \")" "$TMP/short.json")" = "en default en-us" ]' \
    "$(head -c 300 "$TMP/short.json") $(cat "$TMP/err")"

finish
