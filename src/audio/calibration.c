/* calibration.c - calibrating a voice profile: built-in articles (en, es, de, fr) rendered and measured. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "error.h"
#include "narrate.h"

/*
** Loudness depends on what is said as much as on the voice: sibilants and
** vowels weigh differently, and espeak-ng's voices differ per language.  So
** each text is ordinary news copy in its language (a title, a byline, four
** paragraphs of about 80 words with numbers, money and quotes), long enough
** (about two minutes of speech) for the integrated loudness to settle.
*/
static const char text_en[] =
    "Title: Regional Rail Link Wins Final Approval After a Decade of Delays\n"
    "Author: Helen Marsh\n"
    "Language: en\n"
    "\n"
    "The long-awaited rail link between the harbor district and the northern suburbs won "
    "final approval on Tuesday, ending more than ten years of disputes over its route, its "
    "cost and who should pay for it. The transport board voted 7 to 2 in favor of the plan, "
    "which is expected to cost about $2.4 billion and to carry 40,000 passengers a day when "
    "it opens in 2031.\n"
    "\n"
    "Supporters say the line will cut commuting times in half for many workers and take "
    "thousands of cars off the roads. \"This is the most important decision this board has "
    "made in a generation,\" said the board's chair, Patricia Gomez, after the vote. \"People "
    "have waited long enough.\" Opponents, including the two members who voted against the "
    "plan, warned that the budget leaves little room for the kind of overruns that have "
    "plagued similar projects elsewhere.\n"
    "\n"
    "Construction will begin next spring at the southern end of the route, where crews must "
    "first move a water main and rebuild a bridge over the canal. Officials said most of the "
    "work would take place at night to limit disruption, although some streets near the new "
    "stations will be closed for several months. Residents will be able to follow progress on"
    " a public website, and a hotline will take complaints around the clock.\n"
    "\n"
    "The federal government has promised to cover roughly half of the cost, with the rest "
    "coming from a regional sales tax approved by voters in 2022 and from the sale of land "
    "around the stations. Business groups welcomed the decision. Shop owners in the harbor "
    "district, who have watched customers drift to suburban malls, said they hoped the trains"
    " would bring people back. Still, not everyone is convinced. \"We have heard promises like"
    " this before,\" said one resident at the meeting. \"I will believe it when I can ride it.\"\n";

static const char text_es[] =
    "Title: El Gobierno regional aprueba la ampliación del puerto tras años de debate\n"
    "Author: Marta Ruiz\n"
    "Language: es\n"
    "\n"
    "El Gobierno regional aprobó el martes la ampliación del puerto comercial, un proyecto "
    "que llevaba más de diez años bloqueado por disputas sobre su impacto ambiental y su "
    "financiación. La obra costará unos 850 millones de euros y permitirá duplicar el tráfico"
    " de contenedores antes de 2032, según las previsiones oficiales.\n"
    "\n"
    "Los defensores del plan aseguran que creará miles de empleos y atraerá a nuevas empresas"
    " a la zona. «Es una oportunidad que no podemos dejar pasar», afirmó la consejera de "
    "Economía, Isabel Moreno, tras la votación. Los grupos ecologistas, en cambio, advierten "
    "de que las obras pondrán en peligro una playa protegida y las praderas marinas que la "
    "rodean, y han anunciado que recurrirán la decisión ante los tribunales.\n"
    "\n"
    "Las obras comenzarán la próxima primavera con el dragado de la dársena norte. Las "
    "autoridades portuarias explicaron que la mayor parte de los trabajos se realizará de "
    "noche para reducir las molestias, aunque algunas calles cercanas al muelle permanecerán "
    "cortadas durante varios meses. Los vecinos podrán seguir el avance del proyecto en una "
    "página web y presentar sus quejas por teléfono a cualquier hora.\n"
    "\n"
    "La Unión Europea financiará cerca de la mitad del coste, y el resto procederá de los "
    "presupuestos regionales y de la venta de terrenos junto al puerto. Las asociaciones de "
    "comerciantes celebraron el acuerdo. Sin embargo, no todos están convencidos. «Hemos oído"
    " promesas así muchas veces», dijo un vecino durante la reunión. «Lo creeré cuando lo vea"
    " terminado».\n";

static const char text_de[] =
    "Title: Stadtrat beschließt neue Straßenbahnlinie nach jahrelangem Streit\n"
    "Author: Thomas Berger\n"
    "Language: de\n"
    "\n"
    "Der Stadtrat hat am Dienstag den Bau einer neuen Straßenbahnlinie zwischen dem "
    "Hauptbahnhof und den nördlichen Stadtteilen beschlossen. Damit endet ein Streit, der "
    "sich über mehr als zehn Jahre hingezogen hatte. Das Projekt soll rund 600 Millionen Euro"
    " kosten und nach der Eröffnung im Jahr 2030 täglich etwa dreißigtausend Fahrgäste "
    "befördern.\n"
    "\n"
    "Befürworter erwarten, dass sich die Fahrzeit für viele Pendler halbiert und tausende "
    "Autos von den Straßen verschwinden. „Das ist die wichtigste Entscheidung seit einer "
    "Generation“, sagte Bürgermeisterin Katrin Hoffmann nach der Abstimmung. Kritiker warnen "
    "dagegen, dass der Haushalt kaum Spielraum für Mehrkosten lasse, wie sie bei ähnlichen "
    "Vorhaben in anderen Städten aufgetreten seien.\n"
    "\n"
    "Die Bauarbeiten beginnen im kommenden Frühjahr am südlichen Ende der Strecke, wo "
    "zunächst eine Wasserleitung verlegt und eine Brücke über den Kanal erneuert werden muss."
    " Nach Angaben der Verwaltung wird ein Großteil der Arbeiten nachts stattfinden, um den "
    "Verkehr möglichst wenig zu stören. Einige Straßen in der Nähe der neuen Haltestellen "
    "bleiben jedoch über mehrere Monate gesperrt.\n"
    "\n"
    "Der Bund übernimmt etwa die Hälfte der Kosten, der Rest stammt aus dem städtischen "
    "Haushalt und aus dem Verkauf von Grundstücken entlang der Strecke. Der "
    "Einzelhandelsverband begrüßte die Entscheidung. Doch nicht alle sind überzeugt. „Solche "
    "Versprechen haben wir schon oft gehört“, sagte ein Anwohner bei der Sitzung. „Ich glaube"
    " es erst, wenn ich damit fahre.“\n";

static const char text_fr[] =
    "Title: La métropole adopte le projet de tramway après des années de débat\n"
    "Author: Claire Dubois\n"
    "Language: fr\n"
    "\n"
    "Le conseil de la métropole a adopté mardi le projet de nouvelle ligne de tramway entre "
    "la gare centrale et les quartiers nord, mettant fin à plus de dix ans de désaccords sur "
    "son tracé et son financement. Le chantier devrait coûter environ 700 millions d'euros, "
    "et la ligne transporter près de trente mille voyageurs par jour à partir de 2030.\n"
    "\n"
    "Ses partisans estiment qu'elle réduira de moitié le temps de trajet de nombreux salariés"
    " et retirera des milliers de voitures de la circulation. « C'est la décision la plus "
    "importante depuis une génération », a déclaré la présidente de la métropole, Sophie "
    "Laurent, après le vote. Les opposants craignent toutefois que le budget ne laisse aucune"
    " marge en cas de dépassement, comme cela s'est produit ailleurs.\n"
    "\n"
    "Les travaux débuteront au printemps prochain à l'extrémité sud du tracé, où il faudra "
    "d'abord déplacer une canalisation et reconstruire un pont sur le canal. Selon les "
    "services techniques, l'essentiel des travaux aura lieu la nuit afin de limiter la gêne, "
    "mais certaines rues proches des futures stations resteront fermées pendant plusieurs "
    "mois.\n"
    "\n"
    "L'État prendra en charge environ la moitié du coût, le reste provenant du budget de la "
    "métropole et de la vente de terrains le long de la ligne. Les commerçants du "
    "centre-ville ont salué la décision. Tous ne sont pas convaincus pour autant. « Des "
    "promesses comme celle-ci, on en a déjà entendu beaucoup », a confié un habitant lors de "
    "la réunion. « J'y croirai quand je pourrai le prendre. »\n";

static const struct {
    const char *language;
    const char *text;
} texts[] = {
    { "en", text_en },
    { "es", text_es },
    { "de", text_de },
    { "fr", text_fr },
};

/* A news article (plain text with a header block) in language's primary
** subtag ("es" for "es-MX"), or in English when none is shipped for it. */
static const char *calibration_text(const char *language)
{
    size_t n = language ? strcspn(language, "-_") : 0;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (n == strlen(texts[i].language) && strncasecmp(language, texts[i].language, n) == 0)
            return texts[i].text;
    return text_en;
}

/* ---------------------------------------------------------------- calibration */

#define TOLERANCE_LU 0.1
#define MAX_RENDERS 4
#define GIVE_UP_LU 1.0

typedef struct {
    narrate_engine *engine;
    narrate_article *article;
    narrate_voice voice;
    char dir[4096];
    char path[4200];
} calibration;

static int calibration_open(calibration *c, narrate_engine *e, const narrate_voice *v,
                            narrate_error *err)
{
    const char *text = calibration_text(v->language);
    const char *tmp = getenv("TMPDIR");
    c->engine = e;
    c->voice = *v;
    c->dir[0] = '\0';
    c->article = narrate_article_parse(text, strlen(text), err);
    if (!c->article)
        return err ? err->code : NARRATE_EINPUT;
    snprintf(c->dir, sizeof c->dir, "%s/narrate-calibrate-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(c->dir)) {
        int rc = nr_fail_errno(err, NARRATE_EIO, errno, "cannot create directory '%s'", c->dir);
        c->dir[0] = '\0';
        return rc;
    }
    snprintf(c->path, sizeof c->path, "%s/calibration.mp3", c->dir);
    return NARRATE_OK;
}

static void calibration_close(calibration *c)
{
    if (c->dir[0]) {
        unlink(c->path);
        rmdir(c->dir);
    }
    narrate_article_free(c->article);
}

/* Render the text with the voice at gain_db and measure the result. */
static int try_gain(calibration *c, double gain_db, narrate_loudness *out, narrate_error *err)
{
    c->voice.gain_db = gain_db;
    narrate_render_options ro = NARRATE_RENDER_OPTIONS_INIT;
    ro.voice = &c->voice;
    ro.format = NARRATE_FORMAT_MP3;
    int rc = narrate_render_file(c->engine, c->article, &ro, c->path, NULL, err);
    if (rc == NARRATE_OK)
        rc = narrate_loudness_measure(c->path, out, err);
    unlink(c->path);
    if (rc == NARRATE_OK && !isfinite(out->integrated_lufs))
        rc = nr_fail(err, NARRATE_EVOICE, "no audible speech from voice '%s'", c->voice.name);
    return rc;
}

static double clamp_gain(double g)
{
    return g > NARRATE_GAIN_MAX_DB ? NARRATE_GAIN_MAX_DB
           : g < -NARRATE_GAIN_MAX_DB ? -NARRATE_GAIN_MAX_DB : g;
}

/* The next gain to try: a Newton step on the loudness-by-gain curve.  The
** first step assumes 1 LU per dB.  The limiter flattens the curve as the
** gain grows, so later steps take the slope at the last gain from the last
** two or three renders (a parabola through three bends with the curve,
** where a secant would undershoot every time), bounded so that one noisy
** step cannot fling the gain. */
static double next_gain(double target, const double *g, const double *lufs, int k)
{
    double slope = 1.0;
    if (k >= 1 && g[k] != g[k - 1])
        slope = (lufs[k] - lufs[k - 1]) / (g[k] - g[k - 1]);
    if (k >= 2 && g[k] != g[k - 2] && g[k - 1] != g[k - 2]) {
        double older = (lufs[k - 1] - lufs[k - 2]) / (g[k - 1] - g[k - 2]);
        slope += (slope - older) / (g[k] - g[k - 2]) * (g[k] - g[k - 1]);
    }
    slope = slope < 0.1 ? 0.1 : slope > 1.5 ? 1.5 : slope;
    return clamp_gain(g[k] + (target - lufs[k]) / slope);
}

static int search(calibration *c, double target, double *gain_db, narrate_loudness *before,
                  narrate_loudness *after, narrate_error *err)
{
    double g[MAX_RENDERS], lufs[MAX_RENDERS];
    narrate_loudness m[MAX_RENDERS];
    int best = 0, k = 0, rc = try_gain(c, 0.0, &m[0], err);
    g[0] = 0.0;
    lufs[0] = rc == NARRATE_OK ? m[0].integrated_lufs : target;
    while (rc == NARRATE_OK && fabs(target - lufs[best]) > TOLERANCE_LU && k + 1 < MAX_RENDERS) {
        double next = next_gain(target, g, lufs, k);
        if (next == g[k])
            break; /* pinned at the gain limit */
        k++;
        g[k] = next;
        rc = try_gain(c, g[k], &m[k], err);
        if (rc != NARRATE_OK)
            break;
        lufs[k] = m[k].integrated_lufs;
        if (fabs(target - lufs[k]) < fabs(target - lufs[best]))
            best = k;
    }
    if (rc != NARRATE_OK)
        return rc;
    if (fabs(target - lufs[best]) > GIVE_UP_LU)
        return nr_fail(err, NARRATE_EVOICE,
                       "%.1f LUFS out of reach (%.1f LUFS at %+.2f dB) for voice '%s'", target,
                       lufs[best], g[best], c->voice.name);
    *gain_db = g[best];
    if (before)
        *before = m[0];
    if (after)
        *after = m[best];
    return NARRATE_OK;
}

int narrate_voice_calibrate(narrate_engine *e, const narrate_voice *v, double *gain_db,
                            narrate_loudness *before, narrate_loudness *after, narrate_error *err)
{
    if (!e || !v || !gain_db)
        return nr_fail(err, NARRATE_EINVAL, "missing argument to '%s'", "narrate_voice_calibrate");
    int rc = narrate_voice_validate(v, err);
    if (rc < 0)
        return rc;
    calibration c;
    rc = calibration_open(&c, e, v, err);
    if (rc == NARRATE_OK)
        rc = search(&c, v->loudness_lufs, gain_db, before, after, err);
    calibration_close(&c);
    return rc;
}
