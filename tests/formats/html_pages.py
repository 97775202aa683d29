"""Saved article pages in six house styles, each with the text a reader must give back.

Built like pages saved from a browser: navigation, cookie banners, share bars, related links,
comment forms, inline scripts and styles around the article, and the metadata real sites carry
(OpenGraph, JSON-LD, ``<meta name=author>``, ``<link rel=canonical>``), in varied combinations.
The article bodies are the bundled seeds (see ``seed_articles``), plus one page in Russian.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from seed_articles import SeedArticle, seed_article


@dataclass(frozen=True)
class Page:
    name: str
    data: bytes  # the file as saved
    body: list[str]  # the article's paragraphs and headings, in order
    chrome: list[str]  # furniture lines that must not reach the text
    title: str
    authors: tuple[str, ...]
    published: str
    url: str
    outlet: str
    neutral: list[str] = field(default_factory=list)  # may or may not be kept (a standfirst)


_SCRIPT = """<script>window.dataLayer=window.dataLayer||[];
function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','G-XXXX');var _paq=[["trackPageView"],["enableLinkTracking"]];
</script>"""
_STYLE = """<style>body{font-family:Georgia,serif}.nav a{margin:0 .5em}.share{display:flex}
.cookie{position:fixed;bottom:0}.sidebar{width:30%;float:right}@media(max-width:600px){.sidebar
{display:none}}</style>"""
_SVG = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v16H4z"/></svg>'


def _blocks(article: SeedArticle, wrap: str = "p") -> str:
    out = []
    for kind, text in article.blocks:
        tag = "h2" if kind == "h2" else wrap
        out.append(f"<{tag}>{escape(text, quote=False)}</{tag}>")
    return "\n".join(out)


def _nav(items: list[str]) -> str:
    links = "".join(f'<li><a href="/{i.lower()}">{escape(i)}</a></li>' for i in items)
    return f'<nav class="nav" aria-label="Main"><ul>{links}</ul></nav>'


def news_site(article: SeedArticle | None = None) -> Page:
    """A news site: nav, cookie banner, share bar, byline, related links, newsletter, footer.

    The article is seed 1 unless another is given (the benchmarks pass a long one).
    """
    a = article or seed_article(1)
    nav = ["World", "Politics", "Business", "Opinion", "Analysis", "Newsletters"]
    related = [
        "Central Asia looks east as trade routes shift",
        "What the Arctic shipping boom means for Moscow",
        "Five charts that explain China's oil imports",
    ]
    url = "https://www.meridiandaily.example/2023/02/27/russia-china-partnership-limits/"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": "2023-02-27T09:30:00+00:00",
        "author": {"@type": "Person", "name": "Luna Pham"},
        "publisher": {"@type": "Organization", "name": "The Meridian Daily"},
    }
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)} | The Meridian Daily</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{escape(a.title)}">
<meta property="og:site_name" content="The Meridian Daily">
<meta property="og:type" content="article">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="2023-02-27T09:30:00+00:00">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{json.dumps(ld)}</script>
{_STYLE}{_SCRIPT}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div class="cookie" id="cookie-banner"><p>We use cookies to improve your experience and to show
you personalised advertising. By clicking Accept all you agree to our use of cookies.</p>
<button>Accept all</button><button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">The Meridian Daily</a>{_nav(nav)}
<form role="search"><input name="q" placeholder="Search"><button>Search</button></form></header>
<main id="main"><article class="story">
<header><p class="kicker">Analysis</p><h1>{escape(a.title)}</h1>
<div class="byline">By <a rel="author" href="/authors/luna-pham">Luna Pham</a></div>
<time datetime="2023-02-27T09:30:00+00:00">27 February 2023</time>
<div class="share">{_SVG}<a href="#">Share on Facebook</a><a href="#">Share on X</a>
<a href="#">Share by email</a></div></header>
<div class="story-body">
{_blocks(a)}
</div>
<div class="share">{_SVG}<a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
</article>
<aside class="related"><h3>Related stories</h3><ul>
{"".join(f'<li><a href="/r{i}">{escape(r)}</a></li>' for i, r in enumerate(related))}
</ul></aside>
<section class="newsletter"><h3>Get the Morning Briefing</h3><p>Our editors' pick of the day's
most important stories, in your inbox every weekday.</p><input type="email"><button>Sign up</button>
</section></main>
<footer><p>© 2023 The Meridian Daily. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/terms">Terms of use</a><a href="/contact">Contact us</a></footer>
</body></html>"""
    return Page(
        "news site",
        page.encode("utf-8"),
        a.paragraphs,
        [
            "Skip to content",
            "We use cookies",
            "Accept all",
            "Share on Facebook",
            "Share by email",
            "Related stories",
            related[0],
            "Morning Briefing",
            "All rights reserved",
            "Privacy policy",
            "By Luna Pham",
            "Newsletters",
        ],
        a.title,
        ("Luna Pham",),
        "2023-02-27",
        url,
        "The Meridian Daily",
    )


def blog_with_sidebar() -> Page:
    """A WordPress-style blog post: sidebar, "9 mins read", author box, comment form."""
    a = seed_article(0)
    url = "https://www.southasiaperspective.example/fragile-fraternity-china-russia/"
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "name": "South Asia Perspective",
                "url": "https://www.southasiaperspective.example/",
            },
            {
                "@type": "BlogPosting",
                "headline": a.title,
                "datePublished": "2024-05-24T06:12:44+06:00",
                "dateModified": "2024-05-25T10:01:02+06:00",
                "author": [{"@type": "Person", "name": "Kazi Anwarul Masud"}],
                "mainEntityOfPage": url,
            },
        ],
    }
    recent = ["Bangladesh and the Bay of Bengal", "Dhaka's balancing act", "The Teesta question"]
    page = f"""<!doctype html><html lang="en-US"><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{escape(a.title)} &#8211; South Asia Perspective</title>
<link rel="canonical" href="{url}">
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(ld)}</script>
{_STYLE}</head>
<body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead"><div class="site-branding">
<p class="site-title"><a href="/">South Asia Perspective</a></p>
<p class="site-description">Analysis and opinion from the region</p></div>
{_nav(["Home", "Politics", "Economy", "Security", "About us"])}</header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main"><article id="post-8812" class="post type-post hentry">
<header class="entry-header"><h1 class="entry-title">{escape(a.title)}</h1>
<p class="excerpt">{escape(a.standfirst)}</p>
<div class="entry-meta"><span class="reading-time">9 mins read</span>
<span class="posted-on">May 24, 2024</span></div></header>
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<figcaption>Russian President Vladimir Putin holds a solemn welcome ceremony for Chinese
President Xi Jinping. (Xinhua/Xie Huanchi)</figcaption></figure>
<div class="entry-content">
{_blocks(a)}
</div>
<footer class="entry-footer"><span class="tags-links">Tags: <a href="/t/china">China</a>,
<a href="/t/russia">Russia</a></span></footer>
<div class="author-box"><h4>Kazi Anwarul Masud</h4><p>Kazi Anwarul Masud is a retired Bangladeshi
diplomat. During his tenure, he worked in several countries as the ambassador.</p></div>
</article>
<div id="comments" class="comments-area"><h3 id="reply-title">Leave a Reply</h3>
<p class="comment-notes">Your email address will not be published.</p>
<form><textarea name="comment"></textarea><button>Post Comment</button></form></div>
</main></div>
<aside id="secondary" class="sidebar widget-area"><section class="widget"><h2>Latest from Blog</h2>
<ul>{"".join(f'<li><a href="/p{i}">{escape(r)}</a></li>' for i, r in enumerate(recent))}
</ul></section>
<section class="widget"><h2>Archives</h2><ul><li><a href="/2024/05">May 2024</a></li>
<li><a href="/2024/04">April 2024</a></li></ul></section></aside></div>
<footer id="colophon"><div class="site-info">Proudly powered by WordPress</div></footer></div>
{_SCRIPT}</body></html>"""
    return Page(
        "blog with sidebar",
        page.encode("utf-8"),
        a.paragraphs,
        [
            "9 mins read",
            "Leave a Reply",
            "Your email address",
            "Latest from Blog",
            recent[1],
            "Archives",
            "Proudly powered",
            "Tags:",
            "retired Bangladeshi",
            "Post Comment",
        ],
        a.title,
        ("Kazi Anwarul Masud",),
        "2024-05-24",
        url,
        "South Asia Perspective",
        neutral=[a.standfirst],
    )


def think_tank_report() -> Page:
    """A think-tank page: byline block with two authors, "12 min read", download buttons, notes."""
    a = seed_article(2)
    url = "https://isn.example.org/digital-library/articles/detail.html?id=2555"
    authors = ["Una Aleksandra Bērziņa-Čerenkova", "Tim Rühlig"]
    headings = [text for kind, text in a.blocks if kind == "h2"]
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)} – Center for Security Studies</title>
<meta name="description" content="{escape(a.standfirst)}">
{"".join(f'<meta name="citation_author" content="{escape(n)}">' for n in authors)}
<meta name="citation_title" content="{escape(a.title)}">
<meta name="citation_publication_date" content="2023/12/18">
<meta property="og:site_name" content="Center for Security Studies">
<meta property="og:url" content="{url}">
{_STYLE}{_SCRIPT}</head><body>
<a href="#content" class="visually-hidden">Skip to main content</a>
<div class="topbar">{_nav(["Research", "Publications", "Events", "Experts", "Donate"])}</div>
<div class="breadcrumb"><a href="/">Home</a> › <a href="/pubs">Publications</a> › Article</div>
<main id="content"><div class="report">
<div class="report-header"><span class="label">Analysis</span><h1>{escape(a.title)}</h1>
<p class="lead">{escape(a.standfirst)}</p>
<div class="report-meta"><div class="authors">Written by
{"".join(f'<a class="author" href="/e/{i}">{escape(n)}</a>' for i, n in enumerate(authors))}</div>
<div class="date">18 December 2023</div><div class="reading-time">12 min read</div></div>
<div class="actions"><a class="button" href="/r.pdf">Download PDF</a>
<a class="button" href="#">Print this page</a><a class="button" href="#">Cite this</a></div>
</div>
<div class="toc"><h4>Contents</h4><ol>
{"".join(f"<li><a href='#s{i}'>{escape(t)}</a></li>" for i, t in enumerate(headings))}
</ol></div>
<div class="report-body">
<p class="note"><em>This article was originally published by the Internationale Politik Quarterly
and is republished here with permission.</em></p>
{_blocks(a)}
</div></div>
<div class="more"><h3>More from this series</h3><ul><li><a href="/x">Arctic Security After
Ukraine</a></li><li><a href="/y">Chinese Diplomacy in Central Asia</a></li></ul></div></main>
<footer><p>Center for Security Studies, ETH Zurich. Subscribe to our newsletter.</p>
<p>Follow us on LinkedIn</p></footer></body></html>"""
    return Page(
        "think-tank report",
        page.encode("utf-8"),
        a.paragraphs,
        [
            "Skip to main content",
            "12 min read",
            "Download PDF",
            "Print this page",
            "Cite this",
            "More from this series",
            "Arctic Security",
            "Follow us on LinkedIn",
            "Donate",
            "Written by",
        ],
        a.title,
        tuple(authors),
        "2023-12-18",
        url,
        "Center for Security Studies",
        neutral=[
            a.standfirst,
            "This article was originally published by the Internationale "
            "Politik Quarterly and is republished here with permission.",
        ],
    )


def divs_only() -> Page:
    """A page built of ``<div>``s alone (no article or main), with "[See also]" links inline."""
    a = seed_article(3)
    see_also = [
        "Vladimir Putin is afraid of his own people",
        "The unravelling of Vladimir Putin",
        "How Xi Jinping views the world",
    ]
    body = []
    for i, (_kind, text) in enumerate(a.blocks):
        body.append(f'<div class="para">{escape(text, quote=False)}</div>')
        if i % 9 == 4:
            link = see_also[(i // 9) % len(see_also)]
            body.append(
                f'<div class="see-also"><b>[See also: <a href="/x">{escape(link)}</a>]</b></div>'
            )
        if i == 12:
            body.append(
                '<div class="promo"><a href="/gift">Give a gift subscription to the '
                "Statesman Weekly this Christmas from just £49</a></div>"
            )
    page = f"""<html><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<title>{escape(a.title)} - Statesman Weekly</title>
<meta name="author" content="Katie Stallard">
{_STYLE}</head><body>
<div id="wrapper"><div class="masthead"><div class="logo">Statesman Weekly</div>
<div class="tagline">New Times, New Thinking.</div>
<div class="menu"><div><a href="/politics">Politics</a></div><div><a href="/world">World</a></div>
<div><a href="/culture">Culture</a></div><div><a href="/subscribe">Subscribe</a></div></div></div>
<div class="container"><div class="row"><div class="col-8">
<div class="headline">{escape(a.title)}</div>
<div class="standfirst">{escape(a.standfirst)}</div>
<div class="author-line">By Katie Stallard</div><div class="dateline">Published 19 April 2023</div>
<div class="text">
{chr(10).join(body)}
</div>
<div class="partners"><div class="h">Content from our partners</div>
<div><a href="/p1">Pitching in to support grassroots football</a></div>
<div><a href="/p2">Skills policy and industrial strategies must be joined up</a></div></div>
</div><div class="col-4"><div class="most-read"><div class="h">Most read</div>
<div><a href="/m1">The Tories' long goodbye</a></div><div><a href="/m2">Labour's quiet
revolution</a></div></div></div></div></div>
<div class="footer">Statesman Weekly Ltd. Registered in England. Cookie settings</div></div>
{_SCRIPT}</body></html>"""
    return Page(
        "divs only",
        page.encode("utf-8"),
        a.paragraphs,
        [
            "[See also",
            see_also[1],
            "Give a gift",
            "Content from our partners",
            "grassroots football",
            "Most read",
            "long goodbye",
            "Registered in England",
            "Cookie settings",
            "By Katie Stallard",
            "Subscribe",
        ],
        a.title,
        ("Katie Stallard",),
        "2023-04-19",
        "",
        "Statesman Weekly",
        neutral=[a.standfirst],
    )


def magazine_with_inline_promos() -> Page:
    """A magazine page: OpenGraph only, paywall and newsletter boxes inside the article body."""
    a = seed_article(4)
    url = "https://www.foreignquarterly.example/articles/china/2019-06-05/russia-china-alliance"
    blocks = []
    for i, (kind, text) in enumerate(a.blocks):
        tag = "h2" if kind == "h2" else "p"
        blocks.append(f"<{tag}>{escape(text, quote=False)}</{tag}>")
        if i == 3:
            blocks.append(
                '<div class="newsletter-inline"><p>Sign up for our weekly newsletter, '
                "the Week in Review.</p><input><button>Subscribe</button></div>"
            )
        if i == 10:
            blocks.append(
                '<aside class="related-inline"><span>Related Articles</span><a href="/q">'
                "The Sino-Russian Entente Is Here to Stay</a></aside>"
            )
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)}</title>
<meta property="og:title" content="{escape(a.title)}">
<meta property="og:site_name" content="Foreign Quarterly">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="2019-06-05">
<meta property="article:author" content="Leon Aron">
{_STYLE}{_SCRIPT}</head><body>
<div class="paywall-banner">You have 2 free articles left this month.
Subscribe for full access.</div>
<header>{_nav(["Regions", "Topics", "Magazine", "Events", "Subscribe"])}</header>
<main><article><h1>{escape(a.title)}</h1><h2 class="dek">The Evidence Is Less Than Impressive</h2>
<div class="byline">By Leon Aron · June 5, 2019</div>
<figure><figcaption>Chinese President Xi Jinping (L) meets with Russian President Vladimir Putin
on September 11, 2018 in Vladivostok, Russia. (Getty)</figcaption></figure>
{chr(10).join(blocks)}
<div class="article-tools"><button>font change</button><button>Print</button>
<button>Save</button></div></article></main>
<footer>Copyright © 2019 by the Council. All rights reserved. Terms of Use · Privacy</footer>
</body></html>"""
    return Page(
        "magazine with inline promos",
        page.encode("utf-8"),
        a.paragraphs,
        [
            "free articles left",
            "Week in Review",
            "Related Articles",
            "Sino-Russian Entente",
            "font change",
            "All rights reserved",
            "By Leon Aron",
            "(Getty)",
            "Magazine",
        ],
        a.title,
        ("Leon Aron",),
        "2019-06-05",
        url,
        "Foreign Quarterly",
        neutral=["The Evidence Is Less Than Impressive"],
    )


RUSSIAN_TITLE = "Пределы дружбы: почему Москва и Пекин не станут союзниками"
RUSSIAN_BODY = [
    "Когда в мае 2024 года Владимир Путин прилетел в Пекин, официальные лица обеих стран не "
    "скупились на слова о «безграничной дружбе». Однако за торжественными церемониями скрывается "
    "куда более сложная картина, в которой у каждой стороны свои расчёты и свои опасения.",
    "Экономические связи действительно растут. Товарооборот между двумя странами в 2023 году "
    "превысил двести миллиардов долларов, а Китай стал главным покупателем российской нефти и "
    "угля. Но структура торговли остаётся неравной: Россия продаёт сырьё, а покупает машины, "
    "электронику и автомобили.",
    "Для Пекина Россия прежде всего источник дешёвых ресурсов и удобный партнёр в противостоянии с "
    "Вашингтоном. Китайские банки при этом осторожны: многие из них ограничили расчёты с "
    "российскими компаниями, опасаясь вторичных санкций.",
    "Энергетика и трубопроводы",
    "Переговоры о газопроводе «Сила Сибири — 2» идут уже больше десяти лет. Москва хотела бы "
    "подписать контракт как можно скорее, чтобы заменить потерянный европейский рынок, тогда как "
    "Пекин добивается цены, близкой к внутренним российским тарифам.",
    "Эксперты отмечают, что время работает на Китай. Чем дольше Россия остаётся отрезанной от "
    "западных покупателей, тем сильнее её зависимость от единственного крупного клиента на "
    "востоке.",
    "Военное сотрудничество",
    "Совместные учения армий двух стран проводятся регулярно, а российские военные технологии "
    "по-прежнему интересуют китайских инженеров. Тем не менее формального союза с обязательствами "
    "взаимной обороны нет, и ни одна из сторон не стремится его заключать.",
    "Исторический опыт тоже напоминает о себе. Пограничный конфликт на острове Даманский в 1969 "
    "году и последовавшие за ним десятилетия недоверия не забыты ни в Москве, ни в Пекине.",
    "Поэтому большинство аналитиков описывают отношения двух стран не как союз, а как "
    "прагматическое сближение, в котором каждая сторона сохраняет свободу манёвра и готова "
    "отступить, если цена станет слишком высокой.",
]


def russian_windows_1251() -> Page:
    """A Russian news page saved in windows-1251, its charset declared only in a meta tag."""
    body = "\n".join(f"<h2>{t}</h2>" if len(t.split()) < 5 else f"<p>{t}</p>" for t in RUSSIAN_BODY)
    page = f"""<!DOCTYPE html><html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>{RUSSIAN_TITLE} — Восточный вестник</title>
<meta property="og:title" content="{RUSSIAN_TITLE}">
<meta property="og:site_name" content="Восточный вестник">
<meta name="author" content="Ирина Соколова">
<meta itemprop="datePublished" content="2024-05-20">
<link rel="canonical" href="https://vestnik.example.ru/politika/2024/05/20/predely-druzhby">
{_STYLE}</head><body>
<div class="top">{_nav(["Главная", "Политика", "Экономика", "Мнения", "Подписка"])}</div>
<div class="cookies">Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь
с этим. <a href="#">Понятно</a></div>
<article><h1>{RUSSIAN_TITLE}</h1><div class="author">Ирина Соколова</div>
<div class="time">20 мая 2024, 10:15 · 5 мин. чтения</div>
{body}
<div class="share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Telegram</a></div>
</article>
<div class="read-also"><h3>Читайте также</h3><a href="/1">Рубль и юань: итоги года</a></div>
<footer>© 2024 Восточный вестник. Все права защищены.</footer>
</body></html>"""
    return Page(
        "Russian, windows-1251",
        page.encode("windows-1251"),
        RUSSIAN_BODY,
        [
            "файлы cookie",
            "Поделиться",
            "Читайте также",
            "Рубль и юань",
            "Все права защищены",
            "мин. чтения",
            "Подписка",
        ],
        RUSSIAN_TITLE,
        ("Ирина Соколова",),
        "2024-05-20",
        "https://vestnik.example.ru/politika/2024/05/20/predely-druzhby",
        "Восточный вестник",
    )


# Written after the reader's rules were settled, to check them on layouts they were not
# tuned on (the benchmark reports them like the others).
def newsletter_post() -> Page:
    """A newsletter platform's post: subscribe buttons in the text, likes, a comment teaser."""
    a = seed_article(3)
    paragraphs = a.paragraphs[:14]
    quote = paragraphs[5]
    body = []
    for i, text in enumerate(paragraphs):
        if i == 5:
            body.append(f"<blockquote><p>{escape(quote, quote=False)}</p></blockquote>")
        else:
            body.append(f"<p>{escape(text, quote=False)}</p>")
        if i == 3:
            body.append(
                '<p class="button-wrapper" data-attrs="{}"><a class="button primary" '
                'href="/subscribe"><span>Subscribe now</span></a></p>'
            )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": "2023-04-21T11:02:00.000Z",
        "author": [{"@type": "Person", "name": "Katie Stallard", "url": "https://x.example/@k"}],
        "publisher": {"@type": "Organization", "name": "Eastern Dispatch"},
    }
    url = "https://easterndispatch.example/p/the-world-according-to-xi-and-putin"
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{escape(a.title)} - by Katie Stallard</title>
<meta property="og:url" content="{url}">
<meta property="og:title" content="{escape(a.title)}">
<meta name="author" content="Katie Stallard">
<script type="application/ld+json">{json.dumps(ld)}</script>{_SCRIPT}</head><body>
<div id="entry"><div class="main-menu"><a href="/">Eastern Dispatch</a>
<button class="subscribe-btn">Subscribe</button><button>Sign in</button></div>
<div class="single-post-container"><div class="container"><div class="single-post">
<div class="post-header"><h1 class="post-title">{escape(a.title)}</h1>
<h3 class="subtitle">{escape(a.standfirst)}</h3>
<div class="post-ufi"><a href="/@k">Katie Stallard</a><div class="post-date">Apr 21, 2023</div>
<div class="like-count">12</div><a href="#comments">3</a><a href="#">Share</a></div></div>
<div class="available-content"><div class="body markup" dir="auto">
{chr(10).join(body)}
</div></div>
<div class="subscribe-footer"><h3>Ready for more?</h3><input type="email">
<button>Subscribe</button></div>
<div class="comments-teaser"><h4>3 Comments</h4><p>Anna K. — This is the clearest account I
have read of the Moscow–Beijing relationship.</p></div>
</div></div></div>
<div class="footer">© 2023 Katie Stallard · Privacy · Terms · Collection notice</div></div>
</body></html>"""
    return Page(
        "newsletter post (holdout)",
        page.encode("utf-8"),
        paragraphs,
        [
            "Subscribe now",
            "Sign in",
            "Ready for more?",
            "3 Comments",
            "clearest account",
            "Collection notice",
            "Share",
        ],
        a.title,
        ("Katie Stallard",),
        "2023-04-21",
        url,
        "Eastern Dispatch",
        neutral=[a.standfirst],
    )


def government_release() -> Page:
    """A ministry's news release: breadcrumbs, a list and a table in the text, a feedback box."""
    a = seed_article(4)
    paragraphs = a.paragraphs[:8]
    items = ["Energy exports and pipelines", "Border and security cooperation", "Trade in yuan"]
    rows = [("Year", "Trade (US$ bn)"), ("2021", "147"), ("2022", "190")]
    table = "".join(
        "<tr>"
        + "".join(f"<{'th' if r == 0 else 'td'}>{c}</{'th' if r == 0 else 'td'}>" for c in row)
        + "</tr>"
        for r, row in enumerate(rows)
    )
    body = [f"<p>{escape(t, quote=False)}</p>" for t in paragraphs[:4]]
    body.append("<p>The talks covered three areas:</p>")
    body.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    body.append(f"<table class='govuk-table'>{table}</table>")
    body += [f"<p>{escape(t, quote=False)}</p>" for t in paragraphs[4:]]
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(a.title)} - GOV.EXAMPLE</title>
<meta name="DC.title" content="{escape(a.title)}">
<meta name="DC.date.issued" content="2019-06-05">
<meta name="DC.creator" content="Ministry of Foreign Affairs">
<meta property="og:site_name" content="GOV.EXAMPLE">
<link rel="canonical" href="https://www.gov.example/news/russia-china-alliance">
</head><body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<div class="gem-c-cookie-banner"><p>Cookies on GOV.EXAMPLE</p><p>We use some essential
cookies to make this website work.</p><button>Accept additional cookies</button></div>
<header class="govuk-header"><a href="/">GOV.EXAMPLE</a></header>
<div class="govuk-width-container"><div class="gem-c-breadcrumbs"><ol><li><a href="/">Home</a>
</li><li><a href="/world">International</a></li></ol></div>
<main class="govuk-main-wrapper" id="main-content" role="main">
<span class="govuk-caption-xl">News story</span><h1 class="gem-c-title__text">{escape(a.title)}</h1>
<p class="gem-c-lead-paragraph">The Evidence Is Less Than Impressive</p>
<div class="gem-c-metadata"><dl><dt>From:</dt><dd><a href="/mfa">Ministry of Foreign
Affairs</a></dd><dt>Published</dt><dd>5 June 2019</dd></dl></div>
<div class="govspeak">
{chr(10).join(body)}
</div>
<div class="gem-c-share-links"><h2>Share this page</h2><ul><li><a href="#">Facebook</a></li>
<li><a href="#">Twitter</a></li></ul></div>
<div class="gem-c-related-navigation"><h2>Related content</h2><ul><li><a href="/x">Visit to
Beijing: joint statement</a></li></ul></div>
<div class="gem-c-feedback"><h2>Is this page useful?</h2><button>Yes</button>
<button>No</button><button>Report a problem with this page</button></div>
</main></div>
<footer class="govuk-footer">All content is available under the Open Government Licence
v3.0, except where otherwise stated. © Crown copyright</footer></body></html>"""
    expected = (
        paragraphs[:4]
        + ["The talks covered three areas:"]
        + [f"• {i}" for i in items]
        + ["\n".join(" | ".join(row) for row in rows)]
        + paragraphs[4:]
    )
    return Page(
        "government release (holdout)",
        page.encode("utf-8"),
        expected,
        [
            "Skip to main content",
            "Cookies on",
            "Accept additional cookies",
            "Share this page",
            "Related content",
            "Is this page useful",
            "Report a problem",
            "Open Government Licence",
            "News story",
            "From:",
        ],
        a.title,
        ("Ministry of Foreign Affairs",),
        "2019-06-05",
        "https://www.gov.example/news/russia-china-alliance",
        "GOV.EXAMPLE",
        neutral=["The Evidence Is Less Than Impressive"],
    )


PAGE_STYLES: list[Callable[[], Page]] = [
    news_site,
    blog_with_sidebar,
    think_tank_report,
    divs_only,
    magazine_with_inline_promos,
    russian_windows_1251,
    newsletter_post,
    government_release,
]
