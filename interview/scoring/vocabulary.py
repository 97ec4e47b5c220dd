"""The built-in interviewer's word lists: technologies by domain, answer markers, fillers.

Plain data, read once at import. English entries match whole words, case-insensitively unless
marked with a leading "=" (so "React" the library is not "react" the verb); Chinese entries
match as substrings, because Chinese is not written with spaces between words.

Long on purpose: it is data, not logic (about 500 lines of word lists), kept in one file so
that a reviewer sees every list the built-in interviewer reads and can compare them side by side.
"""

# Technologies and concepts, one domain per block; "a|b" lists aliases of one term, first is
# the name we print. "general" terms fit any question (a sentence about Git is never off-topic
# just because the question was about caching).
_TECH_BY_DOMAIN = {
    "backend": """
        Java|JVM|JDK, Spring|Spring Framework, Spring Boot, Spring Cloud, Spring MVC, MyBatis,
        Hibernate|JPA, Dubbo, Netty, Tomcat, Nacos, Eureka, Sentinel, Hystrix, Maven, Gradle,
        garbage collection|GC|G1|ZGC, JIT, ClassLoader, thread pool|ThreadPoolExecutor,
        ConcurrentHashMap, HashMap, synchronized, volatile, ReentrantLock, CAS, AQS, JMM, MySQL,
        PostgreSQL|Postgres, Oracle, SQL Server, SQLite, MariaDB, MongoDB, Cassandra, DynamoDB,
        HBase, TiDB, CockroachDB, Redis, Memcached, Elasticsearch, OpenSearch, Solr, Kafka,
        RabbitMQ, RocketMQ, ActiveMQ, Pulsar, NATS, SQS, ZooKeeper, etcd, Consul, Canal, Debezium,
        binlog, redo log, undo log, InnoDB, MVCC, B+ tree|B-tree|btree,
        index|indexes|indexing|indices, composite index, covering index, clustered index,
        query plan|EXPLAIN, slow query, transaction|transactions, isolation level, deadlock,
        optimistic lock, pessimistic lock, distributed lock, Redlock, sharding|shard|sharded,
        consistent hashing|hash ring, hash map|hash maps, hashCode|hash code,
        hash collision|collisions|collision, rehash|rehashing|rehashes,
        partitioning, replication, read replica, primary key, foreign key, normalization,
        denormalization, ORM, connection pool, HikariCP, cache|caching|cached,
        cache-aside|cache aside, write-through, write-behind, TTL, LRU, cache invalidation,
        cache stampede, cache penetration, cache avalanche, hot key, bloom filter, consistency,
        eventual consistency, strong consistency, CAP, Raft, Paxos, two-phase commit|2PC, saga,
        idempotency|idempotent, message queue, pub/sub, dead letter queue, exactly-once,
        at-least-once, retry, backoff, circuit breaker, rate limiting|rate limiter, token bucket,
        load balancer|load balancing, Nginx, HAProxy, Envoy, API gateway, gRPC, =REST|=RESTful,
        GraphQL, WebSocket, HTTP|HTTPS, TCP, UDP, DNS, TLS, JWT, OAuth, session,
        microservices|microservice, monolith, service mesh, RPC, protobuf, JSON, serialization,
        concurrency, multithreading, async, event loop, coroutine|goroutine, Golang, Node.js|Node,
        Express, Django, Flask, FastAPI, Celery, Rails, Laravel, PHP, .NET, C#, C++, Rust, =Go,
        binary search, full table scan|table scan|full scan, query planner|planner,
        thundering herd, eviction|evict, stale data|stale, read-heavy, write-heavy,
        hit rate|hit ratio, latency, throughput, QPS|TPS|RPS, p99|p95, horizontal scaling,
        vertical scaling, stateless, CQRS, event sourcing, 分布式锁, 分布式事务, 分布式, 微服务,
        缓存, 缓存穿透, 缓存击穿, 缓存雪崩, 热点key, 布隆过滤器, 数据库, 索引, 联合索引, 覆盖索引,
        聚簇索引, 回表, 最左前缀, 事务, 隔离级别, 死锁, 乐观锁, 悲观锁, 主从复制, 读写分离,
        分库分表, 分片, 主键, 慢查询, 执行计划, 一致性, 最终一致性, 强一致性, 延迟双删, 双写,
        消息队列, 幂等, 重试, 限流, 熔断, 降级, 负载均衡, 高并发, 高可用, 线程池, 线程, 并发,
        垃圾回收, 内存泄漏, 锁, 过期时间, 淘汰策略, 持久化, 哨兵, 集群, 序列化, 接口, 网关,
        注册中心, 连接池, 吞吐量, 延迟, 响应时间
    """,
    "frontend": """
        =React, =Vue|Vue.js, Angular, Svelte, Next.js, Nuxt, Redux, Zustand, MobX, Vuex, Pinia,
        JavaScript|JS, TypeScript|TS, HTML, CSS, Sass|SCSS, Tailwind, flexbox|flex, CSS grid, DOM,
        virtual DOM, shadow DOM, hooks|useEffect|useState|useMemo, component|components, props,
        state management, SSR|server-side rendering, SSG, hydration, CSR, SPA, PWA, Webpack, Vite,
        Babel, Rollup, esbuild, ESLint, Prettier, Jest, Cypress, Playwright, Storybook, npm, yarn,
        pnpm, bundle|bundle size, code splitting, lazy loading, tree shaking, CDN, service worker,
        Web Vitals|LCP|CLS|FID|INP, accessibility|a11y, ARIA, responsive design, media query,
        browser, rendering, reflow|repaint, debounce, throttle, CORS, XSS, CSRF, localStorage,
        cookie|cookies, iOS, Android, =Swift, Kotlin, Flutter, React Native, 前端, 组件, 虚拟DOM,
        首屏, 懒加载, 白屏, 打包, 渲染, 重排, 重绘, 跨域, 防抖, 节流, 状态管理, 响应式, 页面,
        浏览器, 兼容性
    """,
    "data": """
        machine learning|ML, deep learning, neural network, PyTorch, TensorFlow, Keras,
        scikit-learn|sklearn, XGBoost, LightGBM, pandas, NumPy, Jupyter, =Spark|PySpark, Flink,
        Hadoop, HDFS, =Hive, Presto|Trino, Airflow, Dagster, dbt, Snowflake, BigQuery, Redshift,
        ClickHouse, Druid, data warehouse, data lake, ETL|ELT, data pipeline, batch processing,
        stream processing, feature engineering, feature store, embedding|embeddings, transformer,
        LLM, fine-tuning, RAG, vector database, overfitting, regularization, cross-validation,
        precision, recall, F1, AUC, A/B test|A/B testing|AB test, p-value,
        statistical significance, regression, classification, clustering, gradient descent,
        model drift, training data, inference, MLflow, Tableau, Looker, dashboard, SQL, 机器学习,
        深度学习, 特征, 特征工程, 训练, 推理, 过拟合, 数据仓库, 数仓, 数据湖, 实时计算,
        离线计算, 召回, 准确率, 召回率, 埋点, 数据管道, 向量
    """,
    "devops": """
        Kubernetes|K8s, Docker, Helm, Terraform, Ansible, Pulumi, CloudFormation, ECS, EKS, GKE,
        Nomad, AWS, GCP, Azure, EC2, S3, Lambda, serverless, CI/CD|CI, continuous integration,
        continuous deployment, Jenkins, GitHub Actions, GitLab CI, ArgoCD,
        blue-green deployment|blue-green, canary|canary release, rollback,
        feature flag|feature flags, Prometheus, Grafana, Datadog, ELK, Loki, Jaeger,
        OpenTelemetry, tracing, observability, monitoring, alerting, logging, SLO|SLA|SLI,
        error budget, incident, postmortem, on-call, runbook, autoscaling|HPA,
        infrastructure as code, Linux, systemd, bash, VPC, firewall, chaos engineering,
        MTTR, uptime, 容器化, 部署, 灰度发布, 灰度, 回滚, 监控, 告警, 日志, 链路追踪, 扩容, 缩容,
        运维, 持续集成, 故障演练, 可观测性
    """,
    "product": """
        product roadmap|roadmap, user research, user interview|user interviews, persona, MVP, PRD,
        OKR|OKRs, KPI|KPIs, north star metric, retention, churn, conversion, conversion rate,
        funnel, DAU|MAU, NPS, engagement, activation, onboarding, stakeholder|stakeholders,
        prioritization|RICE, backlog, user story, Jira, go-to-market, pricing, customer feedback,
        usability test|usability testing, wireframe|prototype, Figma, market sizing,
        competitor analysis, 用户调研, 需求, 需求分析, 产品经理, 留存, 转化率, 漏斗, 日活, 月活,
        用户画像, 路线图, 优先级, 竞品分析, 原型, 迭代, 用户体验, A/B test|A/B testing|AB test,
        cohort|cohorts|cohort analysis, segmentation|segment|segments,
        fake door test|fake-door test,
        jobs to be done|JTBD, MoSCoW, Kano, opportunity solution tree, problem statement,
        success metric|success metrics, guardrail metric|guardrail metrics, input metrics,
        acceptance criteria, willingness to pay, value metric, ARPU, LTV, CAC, TAM, beta|beta test,
        staged rollout|phased rollout, product discovery|discovery, user journey, job story,
        customer interview|customer interviews, survey|surveys, adoption rate, time to value,
        product-market fit, A/B 测试|AB 测试, 灰度实验, 北极星指标, 用户访谈, 用户旅程, 验收标准,
        留存率, 付费转化, 客单价, 需求评审, 埋点分析
    """,
    # Ways of working with people: a behavioural answer names these as a backend one names
    # technologies (they fit any question about people, and a people question fits any field).
    "people": """
        one-to-one|one to one|one-on-one|1:1|1-on-1, retrospective|retrospectives|retro,
        sprint planning, stand-up|standup|daily stand-up, sprint review, demo day,
        SBI|situation-behaviour-impact|situation-behavior-impact, feedback,
        STAR, mentoring|mentor|mentored, coaching|coach|coached, pair programming|paired|pairing,
        design review|design reviews, status update|weekly status|status report,
        escalation|escalated, postmortem|blameless postmortem, RACI, decision log,
        disagree and commit, stretch project|stretch assignment, career plan|growth plan,
        performance review, check-in|check-ins|checked in, brown bag|tech talk,
        working agreement, team charter, kickoff|kick-off, pilot|piloted, proof of concept|PoC,
        reduced scope|scope cut, milestone|milestones, trade-off discussion,
        onboarding plan, internal guide|written guide|one-page document|one-pager,
        Scrum, Kanban, agile, 一对一, 复盘会, 站会, 周报, 反馈, 导师, 辅导, 结对编程, 设计评审,
        里程碑, 排期, 试点, 对齐会, 升级处理
    """,
    "general": """
        Python, Git, Linux, unit test|unit tests|unit testing, integration test, TDD, code review,
        refactoring|refactor, design pattern, API, SDK, algorithm, data structure, hash table,
        time complexity, Big O, profiling|profiler, benchmark, debugger, 单元测试, 测试, 重构,
        代码评审, 算法, 数据结构, 性能, 架构, 设计模式
    """,
}


def _parse_terms() -> dict[str, tuple[str, frozenset[str]]]:
    """Each alias as written -> (the name we print, the domains it belongs to)."""
    terms: dict[str, tuple[str, frozenset[str]]] = {}
    for domain, block in _TECH_BY_DOMAIN.items():
        for entry in filter(None, (e.strip() for e in block.replace("\n", ",").split(","))):
            aliases = [alias.strip() for alias in entry.split("|")]
            name = aliases[0].lstrip("=")
            for alias in aliases:
                old_name, old_domains = terms.get(alias, (name, frozenset()))
                terms[alias] = (old_name, old_domains | {domain})
    return terms


TECH_TERMS = _parse_terms()

# A plausible alternative for "why X and not Y?" follow-ups.
ALTERNATIVES = {
    "Redis": "Memcached",
    "Memcached": "Redis",
    "Kafka": "RabbitMQ",
    "RabbitMQ": "Kafka",
    "RocketMQ": "Kafka",
    "PostgreSQL": "MySQL",
    "MySQL": "PostgreSQL",
    "MongoDB": "PostgreSQL",
    "Cassandra": "DynamoDB",
    "DynamoDB": "Cassandra",
    "Elasticsearch": "PostgreSQL full-text search",
    "React": "Vue",
    "Vue": "React",
    "Angular": "React",
    "Redux": "Zustand",
    "Webpack": "Vite",
    "Vite": "Webpack",
    "TypeScript": "plain JavaScript",
    "Kubernetes": "ECS or Nomad",
    "Docker": "plain VMs",
    "Terraform": "CloudFormation",
    "Jenkins": "GitHub Actions",
    "GitHub Actions": "Jenkins",
    "Prometheus": "Datadog",
    "Nginx": "Envoy",
    "gRPC": "REST",
    "REST": "gRPC",
    "GraphQL": "REST",
    "microservices": "a modular monolith",
    "Spring Boot": "Quarkus",
    "MyBatis": "JPA/Hibernate",
    "Hibernate": "MyBatis",
    "Dubbo": "Spring Cloud",
    "Django": "FastAPI",
    "Flask": "FastAPI",
    "FastAPI": "Flask",
    "Celery": "a message queue consumer",
    "ZooKeeper": "etcd",
    "etcd": "ZooKeeper",
    "Spark": "Flink",
    "Flink": "Spark Streaming",
    "Airflow": "Dagster",
    "PyTorch": "TensorFlow",
    "TensorFlow": "PyTorch",
    "ClickHouse": "Druid",
    "Snowflake": "BigQuery",
    "JWT": "server-side sessions",
    "Canal": "Debezium",
    "distributed lock": "a database row lock",
    "Redlock": "a ZooKeeper lock",
    "分布式锁": "数据库行锁",
    "缓存": "直接查数据库",
    "消息队列": "同步调用",
    "微服务": "单体应用",
    "分库分表": "读写分离",
    "延迟双删": "订阅 binlog 删除缓存",
}


# Words of one idea, read as one content token when an answer is compared with its question and
# key points: a behavioural key point says "understood their goals", the answer "learned her
# targets". Each line: the concept, then the words that mean it. Only people-and-process words:
# a technical word keeps its exact meaning.
_CONCEPT_GROUPS = """
    goal: goal goals target targets objective objectives aim aims
    understand: understand understood understanding comprehend
    update: update updates updated updating status inform informed informing
    involve: involve involved involvement involving join joined joining include included
    involve: consult consulted consulting invite invited inviting
    agree: agree agreed agreement aligned alignment consensus compromise compromised
    trust: trust trusted relationship relationships rapport
    concern: concern concerns objection objections fear fears worry worries pushback
    option: option options alternative alternatives choice choices
    deadline: deadline deadlines
    colleague: colleague colleagues teammate teammates peer peers coworker coworkers
    listen: listen listened listening hear heard
    lesson: lesson lessons learned learnt reflect reflected reflection reflecting takeaway
    uncertain: unclear unknown unknowns ambiguous ambiguity uncertain uncertainty
    propose: propose proposed proposal proposals recommend recommended recommendation suggest
    propose: suggested suggestion
    communicate: communicate communicated communicating communication told tell telling announce
    communicate: announced explain explained explaining explanation
    measurable: measurable measured measure measuring quantified quantify
    stakes: stakes risky
    privately: privately private
    promptly: promptly immediately quickly
    input: input inputs feedback
    own: own owned owner owners ownership responsibility responsible belonged
"""


def _concepts(block: str) -> dict[str, str]:
    concepts = {}
    for line in filter(None, (line.strip() for line in block.splitlines())):
        concept, words = line.split(":")
        concepts.update({word: concept for word in words.split()})
    return concepts


CONCEPTS = _concepts(_CONCEPT_GROUPS)


# Classic subjects and the words an answer about them uses without naming them: "Explain the CAP
# theorem" is answered by "when the network partitions you choose consistency or availability".
# Each line: the subject's names (as a question or its key points say them), then what an answer
# says. English only, matched on word boundaries, case-insensitively; a trailing "*" matches any
# ending ("partition*": "partitions", "partitioned").
_SUBJECT_WORDS = """
    cap theorem | cap: consisten*, availab*, partition*, network split*, split brain
    b-tree | b+ tree | btree | index* | indices: sorted, page*, lookup*, binary search,
        logarithmic, log n, leaf, leaves, balanced tree*, seek*, range scan*, table scan*,
        phone book
    idempoten*: retr*, duplicate*, same result, same effect, twice, dedup*, request id*,
        replay*, exactly once, at most once
    status code* | http status: 4xx, 5xx, 2xx, 400, 401, 403, 404, 409, 422, 429, 500, 503,
        bad request, unprocessable, client error*, server error*, not found, conflict
    n+1 | n + 1: eager load*, lazy load*, per row, one query per, batch*, prefetch*, join*,
        select_related, prefetch_related, dataloader*, in clause
    hash map* | hashmap* | hash table* | dictionar*: bucket*, collision*, hashcode, hash code,
        hash function*, rehash*, load factor, chaining, open addressing, linked list*,
        constant time
    cach*: memory, in-memory, miss*, hit rate*, hit ratio*, evict*, expir*, stale, ttl,
        invalidat*, memcached, redis, cdn, thundering herd, stampede, warm*
    acid: atomic*, consisten*, isolat*, durab*, commit*, roll* back, rollback*, all or nothing
    isolation level* | transaction isolation: dirty read*, phantom*, non-repeatable,
        repeatable read, serializable, read committed, snapshot*, mvcc, lost update*
    deadlock*: lock order*, circular wait, wait-for, waits for, victim, same order
    shard* | partitioning: shard key, partition key, consistent hashing, rebalanc*,
        hot spot*, hotspot*, resharding, split* the data
    replica* | replication: primary, leader, follower*, lag, failover, read replica*
    rate limit*: token bucket*, leaky bucket*, sliding window*, fixed window*, 429, quota*,
        throttl*, requests per second
    circuit breaker*: half-open, trip*, fallback*, fail fast, fails fast, open state
    load balanc*: round robin, least connection*, health check*, sticky session*, upstream*
    at-least-once | exactly-once | message broker* | message queue*: duplicate*, dedup*,
        idempoten*, ack*, offset*, redeliver*, consumer*, dead letter*
    oauth*: authorization code, access token*, refresh token*, redirect*, consent, scope*,
        pkce, client secret, identity provider*
    jwt: signature*, signed, claim*, bearer, expir*, payload
    password*: salt*, bcrypt, argon2, scrypt, pbkdf2, slow hash*, work factor
    garbage collect* | gc: heap, pause*, generation*, young gen*, old gen*, mark and sweep,
        stop-the-world, g1, zgc
    event loop | asynchronous* | async i/o: non-blocking, callback*, await, coroutine*,
        single thread*, epoll
    paginat*: cursor*, offset*, keyset, page size, next page, limit
    overfit*: generali*, training set, validation set, test set, regulari*, dropout,
        memori*, unseen data, cross-validation, held-out
    precision | recall: false positive*, false negative*, threshold*, f1
    a/b test* | ab test*: control group*, variant*, randomi*, significan*, sample size*,
        p-value*, treatment group*, holdout
    virtual dom: diff*, reconcil*, re-render*, patch*
    closure*: scope*, outer function*, lexical*, captur*, enclosing
    cors: origin*, preflight, access-control, allow-origin
    xss | cross-site scripting: escap*, sanitiz*, content security policy, csp, untrusted
    csrf | cross-site request forgery: samesite, anti-forgery, csrf token*, origin header
    sql injection: parameteri*, prepared statement*, bind variable*, placeholder*
    dns: resolver*, nameserver*, a record*, cname, ip address*, domain name*
    tls | https: certificate*, handshake*, encrypt*, cipher*
    binary search: sorted, half, halv*, middle, midpoint, log n, logarithmic
    saga*: compensat*, orchestrat*, choreograph*, local transaction*
    two-phase commit | 2pc: coordinator*, prepare phase, vote*, participant*
    outbox: same transaction, relay*, change data capture, debezium, poll*
    eventual consistency | eventually consistent: converge*, lag, stale, replica*
    prioriti* | prioritisation | prioritization: rice, moscow, impact, effort, reach,
        confidence, urgen*, cost of delay, went first, goes first, first, backlog, roadmap,
        trade-off*, tradeoff*, weigh*, score*, scoring
    incident* | outage*: outage*, downtime, postmortem*, post-mortem*, on-call, paged,
        root cause*, roll* back, rollback*, mitigat*
"""


def _subject_words(block: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    subjects, line = [], ""
    for raw in [*block.splitlines(), ""]:
        if raw.startswith("        ") and raw.strip():
            line += " " + raw.strip()
            continue
        if line:
            names, said = line.split(":", 1)
            subjects.append((_listed(names.replace("|", ",")), _listed(said)))
        line = raw.strip()
    return tuple(subjects)


def _listed(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(filter(None, (phrase.strip() for phrase in text.split(",")))))


SUBJECT_WORDS = _subject_words(_SUBJECT_WORDS)


def _phrases(block: str) -> tuple[str, ...]:
    phrases = (phrase.strip() for phrase in block.replace("\n", " ").split(","))
    return tuple(dict.fromkeys(filter(None, phrases)))


# Answer markers. English phrases match on word boundaries; Chinese ones as substrings.

# A question asking for an experience ("tell me about a time"): a story answers its form.
STORY_PROMPTS = _phrases("""
    tell me about a time, tell me about a, describe a time, a time you, give a specific example,
    give an example, how have you, describe a project, describe how you handled, you handled,
    walk me through a time, in your last, in your project, in your previous, 讲一次, 介绍一次,
    讲一个, 介绍一个, 举一个, 举个例子, 经历, 你的项目, 你参与, 你负责
""")

EXAMPLE_MARKERS = _phrases("""
    for example, for instance, e.g., such as, at my last job, at my previous job,
    in my last role, in my previous role, at my company, in one project, in a project,
    on one project, in our team, on our team, we had, we built, we used, we moved,
    we migrated, we added, we switched, once, last year, one time, in production, 比如, 例如,
    举个例子, 在项目中, 在我们的项目, 之前的项目, 上一家公司, 线上, 当时, 有一次, 我们,
    in my team, in the same week, on a checkout, halfway through, during the, during a, say,
    imagine, suppose, consider a, in practice, a typical, typically, for a, 举例来说, 以我们为例,
    在上一个项目, 在公司
""")

ACTION_MARKERS = _phrases("""
    i built, i designed, i wrote, i implemented, i led, i owned, i added, i migrated,
    i introduced, i measured, i profiled, i fixed, i set up, i proposed, i changed, i rewrote,
    i debugged, i ran, we built, we designed, we implemented, we introduced, we replaced,
    we rewrote, we set up, we rolled, 我负责, 我设计, 我实现, 我写, 我主导, 我引入, 我们引入,
    我们采用, 我们用, 我们把, 我们做, 我们设计, 我们实现, 我们改, 我做, 我把, 我用,
    i asked, i met, i talked, i spoke, i listed, i wrote down, i told, i raised, i gathered,
    i collected, i interviewed, i shipped, i started, i paired, i framed, i presented, i shared,
    i tracked, i took, i checked, i agreed, i suggested, i explained, i described, i declared,
    i assigned, i made sure, i offered, i reviewed, i booked, i read, i delivered, i brought,
    i organised, i organized, i scheduled, i escalated, i coached, i mentored, i gave, i sent,
    i prioritised, i prioritized, i negotiated, i documented, i analysed, i analyzed, i pulled,
    i piloted, i drafted, i called, i split, i moved, i cut, i dropped, i invited, i involved,
    i clarified, i confirmed, i validated, i tested, i learned, i spent, i used, i created,
    we agreed, we shipped, we launched, we ran, we split, we adopted, we cut, we prioritised,
    we prioritized, we disabled, we failed over, we tested, we interviewed, we piloted,
    we measured, we decided, we scoped, we defined, we tracked, we chose,
    我约, 我找, 我跟, 我和他, 我和她, 我组织, 我推动, 我协调, 我沟通, 我列出, 我整理, 我先,
    我提出, 我建议, 我拆, 我安排, 我定, 我写了, 我们约定, 我们商定, 我们达成, 我们决定, 我们拆
""")

REASONING_MARKERS = _phrases("""
    because, so that, since, therefore, trade-off, tradeoff, trade off, instead of, rather than,
    the reason, which means, in order to, otherwise, the downside, the upside, at the cost of,
    compared to, compared with, versus, vs, we chose, i chose, we picked, we decided, why,
    pros and cons, risk, 因为, 所以, 因此, 权衡, 而不是, 取舍, 原因, 为了, 否则, 相比, 对比,
    代价, 缺点, 优点, 选择, 之所以, 好处, 坏处, 风险, to avoid, to prevent, to ensure,
    which is why, this way, 避免, 防止, 保证, 如果, 这样, 以免,
    so, if, unless, only if, only when, as long as, that way, this means, that means, which lets,
    which avoids, which keeps, which meant, give up, we give up, costs, the cost, the price,
    at the expense of, whereas, but not, drawback, the catch, depends on whether, given that,
    as a result, to make sure, to understand, to reduce, to limit, to keep, to learn, to validate,
    to test, to check, to see whether, to decide, the goal, the goal was, criteria, reversible,
    causing, caused, led to, because of, looking back, in hindsight, could have, should have,
    would have, i realised, i realized, realised, realized, it turned out, turned out, showed that,
    which showed, the lesson, i learned that, 回头看, 反思, 教训, 意识到, 原来是, 根因是, 结果发现,
    reversibility, cost of delay, hypothesis, assumption, assumptions, due to, so we, so i,
    代价是, 前提是, 目的是, 这样做, 一旦, 除非, 只要, 考虑到, 由于, 从而, 以便, 导致
""")

CHALLENGE_MARKERS = _phrases("""
    problem, issue, bug, outage, incident, bottleneck, failed, failure, broke, crash, crashed,
    challenge, difficult, hard part, went wrong, slow, timeout, timeouts, spike, race condition,
    leak, mistake, root cause, 问题, 瓶颈, 故障, 挑战, 难点, 困难, 踩坑, 坑, 超时, 报错, 宕机,
    异常, 事故, 不一致, 抖动 tricky, the catch, pain point, regression, overloaded, errors,
    太慢, 失效, 全表扫描, 耗时, 卡顿, 失败,
    disagreed, disagreement, conflict, conflicts, conflicting, objections, concerns, complained,
    frustrated, blocked, blocking, blocker, delays, delayed, behind schedule, at risk, unclear,
    kept changing, flaky, tension, escalation, misunderstanding, pressure, dismissive, sceptical,
    skeptical, resistance, low adoption, churn, slipped, overloaded, burned out,
    wasting, hiding, stale, race, lost update, duplicate, duplicates, double, contention,
    deadlock, anomaly, anomalies, saturating, saturated, hot key, hot keys, stampede, pitfall,
    pitfalls, failure mode, the risk, risks, expensive, outages, fails, breaks, mistakes,
    分歧, 冲突, 争议, 延期, 不满, 抱怨, 阻塞, 返工, 需求变更, 落后, 投诉, 压力, 风险, 误解,
    重复, 并发, 热点, 雪崩, 击穿, 穿透, 丢失, 脏数据,
    attack, attacks, attacker, vulnerable, vulnerability, misleading, misinterpret, trap,
    degrade, degrades, degradation, noisy, stuck, lag, throttling, throttled, out of memory,
    oom, evicted, kills, starvation, unbounded, blocks, jank, layout shift, unnecessary, waste,
    wasted, costly, inconsistent, inconsistency, split brain, data loss, corrupt, corrupted,
    downtime, alert fatigue, toil, burning out, burnout, imbalance, imbalanced, leakage, skew,
    drift, plateaus, contend, blast radius, single point of failure, 泄漏, 抖动, 堆积, 积压, 打满,
    雪崩效应, 数据倾斜, 内存溢出, 误判
""")

SOLUTION_MARKERS = _phrases("""
    fixed, solved, resolved, mitigated, we fixed, the fix, workaround, root cause, we added,
    we changed, we switched, so we, to fix, debugged, investigated, profiled, traced,
    rolled back, after that, which solved, 解决, 修复, 优化, 排查, 定位, 改成, 改为, 引入, 最后,
    后来, 复盘, 规避, so i, replaced, switched to, by adding, we rolled back, 于是, 改用, 加了,
    建了, 换成, 兜底, 重试, 补偿, 回滚,
    we agreed, agreed on, i proposed, i suggested, compromise, we aligned, aligned on, i asked,
    i met, i listed, i raised, escalated, negotiated, renegotiated, reduced scope, cut the,
    split, piloted, so we, we decided, to address, addressed, i set up, unblocked, clarified,
    checked in, followed up, quarantined, prevents, prevent, avoids, handles, to handle,
    guards against, protects against, mitigate, detect, falls back, fall back, fallback,
    deduplicate, dedupe, idempotency key, retry, retries, we disabled, failed over, contained,
    stabilised, stabilized, the solution, the answer is, 协调, 对齐, 达成一致, 约定, 商定, 拆分,
    推动, 调整, 提出, 通过, 采用, 避免, 防止, 保证,
    solves, mitigates, mitigation, mitigations, to prevent, to avoid, protect,
    sanitise, sanitize, escape, validate, remediate, tune, right-size, guardrail, guardrails,
    the remedy, fixes roughly, move state down, pin, pinned, isolate, isolation, cap the, bound,
    back off, backoff, shed load, load shedding, fail over, failover, restore, restored,
    解决方案, 解决办法, 优化方案, 加锁, 降级, 限流, 熔断, 扩容, 隔离
""")

IMPACT_WORDS = _phrases("""
    reduced, increased, improved, cut, dropped, saved, doubled, halved, grew, lowered, raised,
    faster, slower, from, down to, up to, 降低, 提升, 提高, 减少, 增加, 节省, 下降, 缩短, 翻倍,
    从 reduce, reduces, increase, increases, improve, improves, lower, lowers, shrank, rose,
    fell, sharply, on time, on schedule, renewed, promoted, adopted, went from, no longer,
    caught, met the deadline, shipped, launched, delivered, unblocked, saved, fewer, more than,
    less than, 按时, 上线后, 达成, 提前, 准时, 缩短到, 降到, 提升到, 减少到
""")

STRUCTURE_MARKERS = _phrases("""
    first, firstly, second, secondly, third, then, next, finally, lastly, in short, in summary,
    to summarize, overall, on the other hand, also, 首先, 其次, 然后, 最后, 第一, 第二, 第三,
    总结, 总之, 另外, 一方面, 另一方面, 同时
""")

FILLER_MARKERS = _phrases("""
    well, you know, basically, it depends, i think, i guess, i mean, kind of, sort of, stuff,
    things, many things, a lot of things, various, anyway, actually, really, so yeah, like, just,
    obviously, at the end of the day, important to consider, it is important, it's important,
    in general, generally, many aspects, various aspects, different factors, many factors,
    and so on, etc, whatever, somehow, something, 嗯, 那个, 就是说, 其实, 我觉得, 看情况, 很重要,
    各种, 很多方面, 各方面, 反正, 差不多, 等等, 之类, 怎么说呢
""")

DONT_KNOW_MARKERS = _phrases("""
    i don't know, i dont know, i do not know, don't know, dont know, no idea, not sure,
    i'm not sure, no clue, i have no, never done, never used, can't answer, cannot answer,
    i forgot, idk, n/a, no comment, 不知道, 不清楚, 不会, 没做过, 没用过, 不了解,
    不太懂, 不懂, 忘了, 没有经验, 不确定, 不太确定, 不太清楚, 没有做过, 没接触过
""")
# Words that soften or apologise without saying anything about the question.
HEDGES = frozenset(
    _phrases("""
    sorry, honestly, guess, maybe, perhaps, probably, idea, unfortunately, afraid, clue, sure,
    remember, recall, 抱歉, 不好意思, 可能, 大概, 也许, 应该, 好像, 记得
""")
)
# Giving up in one word is giving up only when it is the whole answer: "pass by reference" and
# "skip list" are answers.
SKIPS = frozenset(
    _phrases("""
    pass, skip, next, next question, no answer, i pass, 跳过, 下一题, 过
""")
)

# Words that carry grammar, not content: they make prose prose (a bare list has none) and never
# count as overlap with the question.
STOPWORDS = frozenset(
    _phrases("""
    a, an, the, and, or, but, if, then, so, of, to, in, on, at, by, for, with, from, into, onto,
    as, is, are, was, were, be, been, being, am, do, does, did, done, have, has, had, having, i,
    me, my, mine, we, us, our, ours, you, your, he, she, it, its, they, them, their, this, that,
    these, those, there, here, what, which, who, whom, whose, when, where, why, how, not, no, nor,
    can, could, would, should, will, shall, may, might, must, about, over, under, after, before,
    between, through, during, while, than, too, very, also, just, only, all, any, each, every,
    some, such, more, most, other, own, same, both, few, out, up, down, off, again, once, because,
    until, against, above, below, i'm, i've, we're, we've, it's, don't, didn't, doesn't, isn't,
    wasn't, aren't, can't, won't, let, let's, yes, ok, okay, via, per, within, without, one, two,
    three, first, second, last, next, new, old, like, well, get, got, make, made
""")
)
# Frequent English content words: real prose is made of these (and stopwords and technology
# names); random letters are not. They are too general to count as overlap with a question.
COMMON_WORDS = frozenset(
    _phrases("""
    use, used, using, work, worked, working, need, needed, want, know, think, thought, see, look,
    find, found, take, took, give, go, going, went, come, keep, kept, put, set, run, ran, start,
    started, try, tried, call, called, add, added, change, changed, move, moved, show, help, team,
    teams, people, person, user, users, customer, customers, company, project, projects, system,
    systems, service, services, data, time, times, way, ways, thing, things, part, case, cases,
    problem, problems, issue, issues, question, answer, example, day, days, week, weeks, month,
    months, year, years, number, lot, bit, point, result, results, end, reason, better, good,
    great, bad, big, small, high, low, fast, slow, easy, hard, important, different, right, wrong,
    sure, really, actually, basically, probably, usually, always, never, often, sometimes, still,
    already, even, much, many, less, least, enough, quite, rather, instead, important, consider,
    depends, approach, solution, design, designed, build, built, write, wrote, written, read,
    test, tested, code, app, application, feature, features, process, support, handle, handled,
    improve, improved, reduce, reduced, increase, increased, make, main, real, whole, new, simple,
    complex, single, multiple, each, able, every, thing, stuff
""")
)
# The most frequent Chinese function characters; ordinary Chinese prose is a third made of
# them, a random string of characters almost none.
FUNCTION_CHARS = frozenset(
    "的了是在我们你他她它这那个和与及或就都也还又很更最把被让给对从向到于以为因所而但如果"
    "然则即便虽并且之其有没不无可能会要应该用做使通过把一些每种么呢吗吧啊嘛呀哪什怎样时候中上下里后前"
)
# Frequent two-character Chinese words (besides technology names): ordinary prose is full of
# them, random characters almost never form one.
_WORDS_ZH = """
    我们 你们 他们 这个 那个 一个 这些 那些 什么 怎么 为什么 如何 如果 因为 所以 但是 然后 而且 或者
    还是 就是 可以 能够 需要 应该 已经 开始 结束 之后 之前 时候 现在 当时 后来 最后 首先 其次 另外
    同时 通过 使用 进行 实现 完成 处理 解决 问题 方法 方案 情况 问题 结果 效果 影响 原因 目的 过程
    系统 服务 数据 用户 项目 团队 公司 业务 产品 功能 需求 设计 开发 测试 上线 线上 部署 版本 代码
    性能 优化 提升 降低 减少 增加 提高 保证 确保 支持 考虑 选择 比较 对比 相比 权衡 成本 时间 问题
    请求 接口 调用 查询 更新 删除 写入 读取 存储 记录 消息 任务 流程 模块 组件 框架 工具 平台 机制
    策略 规则 逻辑 场景 例如 比如 主要 重要 简单 复杂 稳定 可靠 安全 快速 大量 少量 多个 每个 整个
    所有 部分 一般 通常 经常 一直 只是 其实 觉得 认为 知道 了解 学习 经验 负责 参与 主导 推动 沟通
    合作 分析 发现 定位 排查 修复 监控 指标 统计 比例 数量 一次 每次 第一 第二 不同 相同 之间 以及
    做法 操作 对应 加载 失败 成功 偶尔 最坏 异步 同步 消费 生产 读写 修改 改完 增删 容易 可能 情况下
    并且 不是 没有 不会 不能 只有 还有 也是 都是 就会 会有 一致 保持 发生 出现 导致 造成 避免 防止
"""
COMMON_WORDS_ZH = frozenset(_WORDS_ZH.split())
